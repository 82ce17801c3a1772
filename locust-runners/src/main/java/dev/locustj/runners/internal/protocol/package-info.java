/** Locust's master/worker messages and their msgpack encoding (docs/protocol.md §3, §4). */
package dev.locustj.runners.internal.protocol;
