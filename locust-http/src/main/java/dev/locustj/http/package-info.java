/**
 * HttpUser and its blocking HTTP session, built on Netty (Locust's {@code HttpUser} / {@code HttpSession}).
 *
 * <p>Start with {@link dev.locustj.http.HttpUser}: its {@link dev.locustj.http.HttpUser#client() client()} is an
 * {@link dev.locustj.http.HttpSession} whose calls block the user's virtual thread while Netty does the I/O on a
 * few shared event loops. Every request is reported once to the environment's request event.
 */
package dev.locustj.http;
