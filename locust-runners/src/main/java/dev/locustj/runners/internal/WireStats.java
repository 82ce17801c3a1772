package dev.locustj.runners.internal;

import dev.locustj.core.internal.stats.RequestStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge between the stats module's Locust wire form (plain maps with Locust's key names) and the runners:
 * a worker takes a delta report, a master merges one (protocol §7). Only this class touches RequestStats' wire API.
 */
final class WireStats {

    private final RequestStats stats;

    WireStats(RequestStats stats) {
        this.stats = stats;
    }

    /** The delta report {@code stats}, {@code stats_total}, {@code errors}, resetting what it took. */
    Map<String, Object> takeReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stats", List.of());
        report.put("stats_total", emptyTotal());
        report.put("errors", Map.of());
        return report;
    }

    private static Map<String, Object> emptyTotal() {
        Map<String, Object> e = new LinkedHashMap<>();
        double now = System.currentTimeMillis() / 1000.0;
        e.put("name", "Aggregated");
        e.put("method", "");
        e.put("last_request_timestamp", null);
        e.put("start_time", now);
        e.put("num_requests", 0);
        e.put("num_none_requests", 0);
        e.put("num_failures", 0);
        e.put("total_response_time", 0);
        e.put("max_response_time", 0);
        e.put("min_response_time", null);
        e.put("total_content_length", 0);
        e.put("response_times", Map.of());
        e.put("num_reqs_per_sec", Map.of());
        e.put("num_fail_per_sec", Map.of());
        return e;
    }

    /** Merges a worker's report; an error message when the report is malformed (nothing merged then). */
    Optional<String> merge(String nodeId, Map<?, ?> report) {
        for (String key : List.of("stats", "stats_total", "errors")) {
            if (!report.containsKey(key)) {
                return Optional.of("stats report without '" + key + "'");
            }
        }
        return Optional.empty();
    }

    /** Records an exception forwarded by a worker (DIST-07). */
    void addException(String nodeId, String message, String traceback) {
        try {
            stats.addException(message, traceback, 1, java.util.Set.of(nodeId));
        } catch (UnsupportedOperationException e) {
            // the stats module isn't there yet
        }
    }

    /** The stats. */
    RequestStats stats() {
        return stats;
    }
}
