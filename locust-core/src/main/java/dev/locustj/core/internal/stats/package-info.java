/**
 * Internal: the request statistics engine (lock-free recording, Locust's bucket semantics, the distributed wire
 * form of the stats). Not an API; may change at any time.
 */
package dev.locustj.core.internal.stats;
