/** Interoperability tests against real Python Locust over loopback. */
package dev.locustj.integration;
