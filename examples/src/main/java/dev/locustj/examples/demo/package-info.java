/** A tiny shop served by Netty on 127.0.0.1: the target the examples and the README demo load-test. */
package dev.locustj.examples.demo;
