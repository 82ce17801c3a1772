/** The implementation of the {@code locust} launcher: option parsing, configuration sources, user-code loading. */
package dev.locustj.cli.internal;
