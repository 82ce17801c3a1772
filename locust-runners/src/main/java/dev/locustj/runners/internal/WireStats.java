package dev.locustj.runners.internal;

import dev.locustj.core.internal.stats.RequestStats;
import dev.locustj.core.internal.stats.WireMergeResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        return stats.workerReport();
    }

    /** Merges a worker's report; an error message when the report is malformed (what was valid is merged). */
    Optional<String> merge(String nodeId, Map<?, ?> report) {
        for (String key : List.of("stats", "stats_total", "errors")) {
            if (!report.containsKey(key)) {
                return Optional.of("stats report without '" + key + "'");
            }
        }
        WireMergeResult r = stats.mergeWorkerReport(report);
        if (r.rejected() > 0) {
            return Optional.of(r.problems().get(0) + (r.rejected() > 1 ? " (and " + (r.rejected() - 1) + " more)" : ""));
        }
        return Optional.empty();
    }

    /** Records an exception forwarded by a worker (DIST-07). */
    void addException(String nodeId, String message, String traceback) {
        stats.addException(message, traceback, 1, Set.of(nodeId));
    }

    /** The stats. */
    RequestStats stats() {
        return stats;
    }
}
