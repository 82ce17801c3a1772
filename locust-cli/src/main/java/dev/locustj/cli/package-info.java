/** The {@code locust} command-line launcher. */
package dev.locustj.cli;
