/**
 * HttpUser examples against the demo shop ({@link dev.locustj.examples.demo.DemoTarget}): weighted tasks, a
 * TaskSet, catch-response checks, name grouping and a login in {@code onStart}.
 */
package dev.locustj.examples.http;
