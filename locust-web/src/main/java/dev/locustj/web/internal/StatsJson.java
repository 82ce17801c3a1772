package dev.locustj.web.internal;

import dev.locustj.core.HistoryPoint;
import dev.locustj.core.ResponseTimes;
import dev.locustj.core.RunnerState;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.web.WorkerInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link StatsSnapshot} to Locust's JSON shapes (WEB-10, WEB-20, WEB-21). Field names are Locust's: the
 * newest Locust's (WEB-21) plus the 2.12.1 fields that cost nothing (safe_name, ninetieth_response_time,
 * ninety_ninth_response_time, current_response_time_percentile_50/95), so scripts written for either keep working.
 */
public final class StatsJson {

    /** Locust's PERCENTILES_TO_STATISTICS (newest). */
    static final double[] PERCENTILES_TO_STATISTICS = {0.95, 0.99};
    /** Locust's PERCENTILES_TO_CHART (newest). */
    static final double[] PERCENTILES_TO_CHART = {0.5, 0.95};
    /** Locust truncates the stats and errors lists to 500 rows. */
    static final int MAX_ROWS = 500;

    private StatsJson() {
    }

    /** Python's {@code str(float)} for the percentiles in key names: 0.5, 0.95, 0.999. */
    static String percentileKey(double p) {
        String s = Double.toString(p);
        return "response_time_percentile_" + s;
    }

    /** One entry, as newest Locust's {@code StatsEntry.to_dict()} plus the 2.12.1 extras. */
    static Map<String, Object> entry(StatsEntrySnapshot e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", e.method());
        m.put("name", e.name());
        m.put("safe_name", Html.escape(e.name()));
        m.put("num_requests", e.numRequests());
        m.put("num_failures", e.numFailures());
        m.put("min_response_time", Math.round(e.minResponseTime()));
        m.put("max_response_time", Math.round(e.maxResponseTime()));
        m.put("current_rps", e.currentRps());
        m.put("current_fail_per_sec", e.currentFailPerSec());
        m.put("avg_response_time", e.avgResponseTime());
        m.put("median_response_time", e.medianResponseTime());
        m.put("total_rps", e.totalRps());
        m.put("total_fail_per_sec", e.totalFailPerSec());
        for (double p : PERCENTILES_TO_STATISTICS) {
            m.put(percentileKey(p), e.percentile(p));
        }
        m.put("ninetieth_response_time", e.percentile(0.9));
        m.put("ninety_ninth_response_time", e.percentile(0.99));
        m.put("avg_content_length", e.avgContentLength());
        return m;
    }

    /** One error (newest shape: with first_seen/last_seen, no HTML escaping). */
    static Map<String, Object> error(StatsError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", e.method());
        m.put("name", e.name());
        m.put("error", e.error());
        m.put("occurrences", e.occurrences());
        m.put("first_seen", e.firstSeen());
        m.put("last_seen", e.lastSeen());
        return m;
    }

    /** A current (windowed) percentile of the total, or null before any request (Locust: None). */
    static Long currentPercentile(StatsEntrySnapshot total, double p) {
        ResponseTimes current = total.currentResponseTimes();
        if (total.numRequests() == 0 || current == null) {
            return null;
        }
        return current.percentile(p);
    }

    /**
     * The {@code /stats/requests} document.
     *
     * @param snapshot  the cached snapshot, empty when there is no runner
     * @param state     the runner state, empty when there is no runner ("missing")
     * @param userCount the running users
     * @param workers   the workers when this is a master
     */
    public static Map<String, Object> requests(Optional<StatsSnapshot> snapshot, Optional<RunnerState> state,
                                               int userCount, Optional<List<WorkerInfo>> workers) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> stats = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        if (snapshot.isPresent()) {
            StatsSnapshot s = snapshot.get();
            for (StatsEntrySnapshot e : s.entries()) {
                if (stats.size() >= MAX_ROWS) {
                    break;
                }
                stats.add(entry(e));
            }
            stats.add(entry(s.total()));
            for (StatsError e : s.errors()) {
                if (errors.size() >= MAX_ROWS) {
                    break;
                }
                errors.add(error(e));
            }
        }
        m.put("stats", stats);
        m.put("errors", errors);
        if (snapshot.isPresent()) {
            StatsEntrySnapshot total = snapshot.get().total();
            m.put("total_rps", total.currentRps());
            m.put("total_fail_per_sec", total.currentFailPerSec());
            m.put("current_rps", total.currentRps());
            m.put("current_fail_per_sec", total.currentFailPerSec());
            m.put("fail_ratio", total.failRatio());
            Map<String, Object> current = new LinkedHashMap<>();
            for (double p : PERCENTILES_TO_CHART) {
                current.put(percentileKey(p), currentPercentile(total, p));
            }
            m.put("current_response_time_percentiles", current);
            m.put("current_response_time_percentile_50", currentPercentile(total, 0.5));
            m.put("current_response_time_percentile_95", currentPercentile(total, 0.95));
        } else {
            m.put("total_rps", 0.0);
            m.put("total_fail_per_sec", 0.0);
            m.put("current_rps", 0.0);
            m.put("current_fail_per_sec", 0.0);
            m.put("fail_ratio", 0.0);
            Map<String, Object> current = new LinkedHashMap<>();
            for (double p : PERCENTILES_TO_CHART) {
                current.put(percentileKey(p), null);
            }
            m.put("current_response_time_percentiles", current);
            m.put("current_response_time_percentile_50", null);
            m.put("current_response_time_percentile_95", null);
        }
        if (workers.isPresent()) {
            List<Map<String, Object>> ws = new ArrayList<>();
            for (WorkerInfo w : workers.get()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("id", w.id());
                wm.put("state", w.state());
                wm.put("user_count", w.userCount());
                wm.put("cpu_usage", w.cpuUsage());
                wm.put("memory_usage", w.memoryUsage());
                ws.add(wm);
            }
            m.put("workers", ws);
            m.put("worker_count", ws.size());
        }
        m.put("state", state.map(RunnerState::wireName).orElse("missing"));
        m.put("user_count", userCount);
        return m;
    }

    /** The {@code /exceptions} document (WEB-10): newest shape, no HTML escaping. */
    public static Map<String, Object> exceptions(Optional<StatsSnapshot> snapshot) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (snapshot.isPresent()) {
            for (StatsExceptionEntry x : snapshot.get().exceptions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", x.count());
                m.put("msg", x.message());
                m.put("traceback", x.traceback());
                m.put("nodes", String.join(", ", x.nodes()));
                rows.add(m);
            }
        }
        return Map.of("exceptions", rows);
    }

    /**
     * The history samples for charts (OUT-47): one object per sample with {@code time} (epoch seconds),
     * {@code user_count}, {@code current_rps}, {@code current_fail_per_sec}, {@code total_avg_response_time} and
     * the {@code response_time_percentile_<p>} of PERCENTILES_TO_CHART (null when unknown).
     */
    public static List<Map<String, Object>> history(List<HistoryPoint> points) {
        List<Map<String, Object>> out = new ArrayList<>(points.size());
        for (HistoryPoint h : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", h.timestamp());
            m.put("user_count", h.userCount());
            m.put("current_rps", h.currentRps());
            m.put("current_fail_per_sec", h.currentFailPerSec());
            for (double p : PERCENTILES_TO_CHART) {
                m.put(percentileKey(p), h.currentPercentiles().get(p));
            }
            m.put("total_avg_response_time", h.totalAvgResponseTime());
            out.add(m);
        }
        return out;
    }
}
