package dev.locustj.web;

/**
 * One worker as the master sees it, for the workers tab and {@code /stats/requests} (WEB-20, WEB-38).
 *
 * @param id          the worker's client id
 * @param state       Locust's state name ("running", "missing"...)
 * @param userCount   its running users
 * @param cpuUsage    its CPU usage in percent of one core
 * @param memoryUsage its resident memory in bytes
 */
public record WorkerInfo(String id, String state, int userCount, double cpuUsage, long memoryUsage) {
}
