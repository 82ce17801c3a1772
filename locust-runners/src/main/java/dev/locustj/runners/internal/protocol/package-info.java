/** Locust's master/worker messages and their msgpack encoding (locust-protocol.md §3, §4). */
package dev.locustj.runners.internal.protocol;
