package dev.locustj.runners.internal;

import java.util.Map;
import java.util.TreeMap;

/** The master's record of one worker (Locust's WorkerNode). Guarded by the master's lock. */
final class WorkerNode {

    final String id;
    final Object version;
    String state = "ready";
    int heartbeat;
    Map<String, Integer> userClassesCount = new TreeMap<>();
    double cpuUsage;
    long memoryUsage;
    boolean cpuWarningEmitted;

    WorkerNode(String id, Object version, int liveness) {
        this.id = id;
        this.version = version;
        this.heartbeat = liveness;
    }

    int userCount() {
        return userClassesCount.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether this worker understands messages that appeared in Locust {@code major.minor} (or is third-party). */
    boolean understands(int major, int minor) {
        if (version instanceof Long l && l == -1) {
            return true;
        }
        if (!(version instanceof String s) || s.isEmpty()) {
            return false;
        }
        String[] parts = s.split("[.]");
        try {
            int ma = Integer.parseInt(parts[0].replaceAll("\\D.*", ""));
            int mi = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
