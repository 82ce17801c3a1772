/** The web UI's implementation: Javalin routes, JSON mapping, TLS, logs. Not an API. */
package dev.locustj.web.internal;
