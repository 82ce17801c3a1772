/** HttpUser and its blocking HTTP session, built on Netty. */
package dev.locustj.http;
