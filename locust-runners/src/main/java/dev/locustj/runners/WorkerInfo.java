package dev.locustj.runners;

import java.util.Map;

/**
 * What a master knows about one worker (the web UI's worker table, WEB-/DIST-12).
 *
 * @param id               the worker's node id ({@code <hostname>_<32 hex>} for Locust and Java workers)
 * @param index            the worker index handed out in the ack (DIST-05)
 * @param state            Locust's state name: {@code ready}, {@code spawning}, {@code running} or {@code missing}
 * @param userClassesCount the users it reported, per class
 * @param userCount        their sum
 * @param cpuUsage         its last reported CPU usage, percent of one core
 * @param memoryUsage      its last reported resident memory, bytes
 */
public record WorkerInfo(String id, int index, String state, Map<String, Integer> userClassesCount, int userCount,
                         double cpuUsage, long memoryUsage) {

    /** Copies the map. */
    public WorkerInfo {
        userClassesCount = Map.copyOf(userClassesCount);
    }
}
