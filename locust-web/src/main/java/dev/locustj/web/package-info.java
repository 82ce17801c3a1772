/** The web dashboard and its JSON API. */
package dev.locustj.web;
