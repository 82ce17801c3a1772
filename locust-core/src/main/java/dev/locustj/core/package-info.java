/**
 * The user API of Locust for Java: {@link dev.locustj.core.User}, {@link dev.locustj.core.TaskSet},
 * {@link dev.locustj.core.Task @Task}, wait times, events, the environment, runners and statistics.
 */
package dev.locustj.core;
