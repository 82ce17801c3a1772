/** The Netty side of the HTTP session: transport, connections, exchanges, cookies. Internal. */
package dev.locustj.http.internal;
