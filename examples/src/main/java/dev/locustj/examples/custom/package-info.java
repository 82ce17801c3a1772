/** Examples: custom. */
package dev.locustj.examples.custom;
