package dev.locustj.core.internal.stats;

import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WireReportTest {

    private static final double T0 = 1_795_371_963.491422;

    private static RequestStats workerWithTraffic(ManualClock clock) {
        RequestStats w = new RequestStats("worker", clock);
        w.histogramEntryLimit(10); // per-name exact histograms are opt-in
        for (int i = 0; i < 40; i++) {
            clock.set(T0 + i * 0.25);
            w.logRequest("GET", "/fast", 140 + i * 0.5, 123);
            if (i % 8 == 0) {
                w.logFailure("POST", "/fail", 5, 0, "CatchResponseError('got 500')");
            }
        }
        return w;
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportHasLocustKeysAndResetsTheWorker() {
        ManualClock clock = new ManualClock(T0);
        RequestStats w = workerWithTraffic(clock);
        Map<String, Object> report = w.workerReport();
        assertThat(report).containsOnlyKeys("stats", "stats_total", "errors");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) report.get("stats");
        assertThat(entries).hasSize(2);
        Map<String, Object> fast = entries.get(1); // sorted by name: /fail, /fast
        assertThat(fast.keySet()).containsExactly("name", "method", "last_request_timestamp", "start_time",
                "num_requests", "num_none_requests", "num_failures", "total_response_time", "max_response_time",
                "min_response_time", "total_content_length", "response_times", "num_reqs_per_sec",
                "num_fail_per_sec", "hdr_us"); // the last one only between Java nodes
        assertThat(((Map<Long, Long>) fast.get("hdr_us")).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(40);
        assertThat(fast.get("name")).isEqualTo("/fast");
        assertThat(fast.get("num_requests")).isEqualTo(40L);
        assertThat(fast.get("min_response_time")).isEqualTo(140L);
        assertThat(fast.get("max_response_time")).isEqualTo(159.5);
        assertThat(fast.get("total_content_length")).isEqualTo(40L * 123);
        assertThat(fast.get("start_time")).isEqualTo(T0);
        assertThat((Map<Object, Object>) fast.get("num_reqs_per_sec")).hasSize(11).containsEntry(1795371963L, 3L);
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) report.get("stats_total");
        assertThat(total.get("name")).isEqualTo("Aggregated");
        assertThat(total.get("method")).isEqualTo("");
        assertThat(total.get("num_requests")).isEqualTo(45L);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> errors = (Map<String, Map<String, Object>>) report.get("errors");
        assertThat(errors).containsOnlyKeys(ErrorTexts.errorKey("POST", "/fail", "CatchResponseError('got 500')"));
        assertThat(errors.values().iterator().next()).containsEntry("occurrences", 5L)
                .containsKeys("first_seen", "last_seen");

        StatsSnapshot after = w.snapshot();
        assertThat(after.total().numRequests()).isZero();
        assertThat(after.entries()).allSatisfy(e -> assertThat(e.numRequests()).isZero());
        assertThat(after.errors()).isEmpty();
        Map<String, Object> next = w.workerReport();
        assertThat((List<?>) next.get("stats")).isEmpty();
        assertThat((Map<?, ?>) next.get("errors")).isEmpty();
        assertThat(((Map<?, ?>) next.get("stats_total")).get("last_request_timestamp")).isNull();
    }

    @Test
    void reportMergedIntoMasterGivesTheWorkersTotals() {
        ManualClock clock = new ManualClock(T0);
        RequestStats w = workerWithTraffic(clock);
        StatsSnapshot before = w.snapshot();
        RequestStats master = new RequestStats("master", clock);
        master.histogramEntryLimit(10);
        WireMergeResult r = master.mergeWorkerReport(w.workerReport());
        assertThat(r.rejected()).isZero();
        assertThat(r.entries()).isEqualTo(3);
        assertThat(r.errors()).isEqualTo(1);
        assertSameTotals(master.snapshot(), before, 1);
        // the Java worker's histogram travelled: microsecond resolution, not Locust's 10 ms buckets
        assertThat(master.histogram("GET", "/fast").orElseThrow().getMaxValue()).isBetween(159_400L, 159_700L);
        assertThat(master.totalHistogram().getTotalCount()).isEqualTo(45);

        // a second worker with the same traffic, numbers as a msgpack decoder may give them
        ManualClock clock2 = new ManualClock(T0);
        Map<String, Object> report2 = loosen(workerWithTraffic(clock2).workerReport());
        assertThat(master.mergeWorkerReport(report2).rejected()).isZero();
        StatsSnapshot merged = master.snapshot();
        assertSameTotals(merged, before, 2);
        assertThat(merged.errors()).singleElement().satisfies(e -> assertThat(e.occurrences()).isEqualTo(10));
        // current rps works on the master from the merged per-second counters: window [963, 971) holds
        // 3 + 7 * 4 requests of /fast per worker
        assertThat(merged.entries().get(1).currentRps()).isEqualTo(2 * 31 / 8.0);
    }

    private static void assertSameTotals(StatsSnapshot m, StatsSnapshot w, int times) {
        assertThat(m.entries()).hasSameSizeAs(w.entries());
        for (int i = 0; i < w.entries().size(); i++) {
            StatsEntrySnapshot a = m.entries().get(i);
            StatsEntrySnapshot b = w.entries().get(i);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.method()).isEqualTo(b.method());
            assertThat(a.numRequests()).isEqualTo(times * b.numRequests());
            assertThat(a.numFailures()).isEqualTo(times * b.numFailures());
            assertThat(a.totalResponseTime()).isCloseTo(times * b.totalResponseTime(), within(1e-6));
            assertThat(a.minResponseTime()).isEqualTo(b.minResponseTime());
            assertThat(a.maxResponseTime()).isEqualTo(b.maxResponseTime());
            assertThat(a.totalContentLength()).isEqualTo(times * b.totalContentLength());
            assertThat(a.responseTimes().percentile(0.95)).isEqualTo(b.responseTimes().percentile(0.95));
            assertThat(a.medianResponseTime()).isEqualTo(b.medianResponseTime());
            assertThat(a.lastRequestTimestamp()).isEqualTo(b.lastRequestTimestamp());
        }
        assertThat(m.total().numRequests()).isEqualTo(times * w.total().numRequests());
        assertThat(m.total().numFailures()).isEqualTo(times * w.total().numFailures());
        assertThat(m.total().responseTimes().buckets().keySet())
                .isEqualTo(w.total().responseTimes().buckets().keySet());
    }

    /** Ints as Integer, bucket keys as floats (2.12.1), times as Double, a uint64 as BigInteger. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> loosen(Map<String, Object> report) {
        List<Object> entries = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) report.get("stats")) {
            entries.add(loosenEntry(e));
        }
        report.put("stats", entries);
        report.put("stats_total", loosenEntry((Map<String, Object>) report.get("stats_total")));
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loosenEntry(Map<String, Object> e) {
        Map<String, Object> m = new HashMap<>(e);
        m.put("num_requests", BigInteger.valueOf(((Long) e.get("num_requests"))));
        m.put("num_failures", ((Long) e.get("num_failures")).intValue());
        m.put("total_content_length", ((Long) e.get("total_content_length")).doubleValue());
        Map<Object, Object> rt = new LinkedHashMap<>();
        ((Map<Long, Long>) e.get("response_times")).forEach((k, v) -> rt.put(k.doubleValue(), v.intValue()));
        m.put("response_times", rt);
        return m;
    }

    @Test
    void malformedReportsAreRejectedItemByItemWithoutThrowing() {
        ManualClock clock = new ManualClock(T0);
        RequestStats master = new RequestStats("master", clock);
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("name", "/ok");
        good.put("method", "GET");
        good.put("start_time", T0);
        good.put("num_requests", 2);
        good.put("response_times", Map.of(12, 2));
        good.put("total_response_time", 24);
        good.put("max_response_time", 12);
        good.put("min_response_time", 12);
        List<Object> entries = new ArrayList<>();
        entries.add(good);
        entries.add("not a map");
        entries.add(with(good, "num_requests", "two"));
        entries.add(with(good, "name", null));
        entries.add(with(good, "start_time", null));
        entries.add(with(good, "num_requests", -1));
        entries.add(with(good, "num_requests", 1.5));
        entries.add(with(good, "response_times", Map.of("x", 1)));
        entries.add(with(good, "response_times", List.of(1, 2)));
        entries.add(with(good, "num_reqs_per_sec", Map.of(1795371963, "many")));
        entries.add(with(good, "max_response_time", Double.NaN));
        entries.add(with(good, "response_times", Map.of(-5, 1)));
        entries.add(with(good, "num_fail_per_sec", Map.of(Long.MAX_VALUE, 1)));
        Map<String, Object> data = new HashMap<>();
        data.put("stats", entries);
        data.put("stats_total", 42);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("k1", Map.of("name", "/ok", "method", "GET", "error", "E()", "occurrences", 3));
        errors.put("k2", Map.of("name", "/ok", "method", "GET", "error", 7, "occurrences", 3));
        errors.put("k3", Map.of("name", "/ok", "method", "GET", "error", "E()"));
        errors.put("k4", List.of());
        data.put("errors", errors);

        WireMergeResult r = master.mergeWorkerReport(data);
        assertThat(r.entries()).isEqualTo(1);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(12 + 1 + 3);
        assertThat(r.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("num_requests"));
        StatsSnapshot s = master.snapshot();
        assertThat(s.entries()).singleElement().satisfies(e -> assertThat(e.numRequests()).isEqualTo(2));
        assertThat(s.errors()).singleElement().satisfies(e -> assertThat(e.occurrences()).isEqualTo(3));

        assertThat(master.mergeWorkerReport(Map.of("stats", "x", "errors", 1)).rejected()).isEqualTo(2);
        assertThat(master.mergeWorkerReport(Map.of()).rejected()).isZero();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void pythonDeltaFromTheCaptureMerges() {
        // protocol 7.1, a real 2.12.1 delta (mixed int/float keys)
        Map<String, Object> e = new HashMap<>();
        e.put("name", "/fast");
        e.put("method", "GET");
        e.put("last_request_timestamp", 1795371966.2438128);
        e.put("start_time", 1795371963.491422);
        e.put("num_requests", 4);
        e.put("num_none_requests", 0);
        e.put("num_failures", 0);
        e.put("total_response_time", 16118.5);
        e.put("max_response_time", 15678.9);
        e.put("min_response_time", 145);
        e.put("total_content_length", 492);
        e.put("response_times", Map.of(150.0, 2, 140, 1, 16000.0, 1));
        e.put("num_reqs_per_sec", Map.of(1795371963, 1, 1795371964, 1, 1795371965, 1, 1795371966, 1));
        e.put("num_fail_per_sec", Map.of());
        Map<String, Object> total = new HashMap<>(e);
        total.put("name", "Aggregated");
        total.put("method", null);
        RequestStats master = new RequestStats("master", new ManualClock(1795371967));
        WireMergeResult r = master.mergeWorkerReport(Map.of("stats", List.of(e), "stats_total", total,
                "errors", Map.of()));
        assertThat(r.problems()).isEmpty();
        StatsEntrySnapshot fast = master.snapshot().entries().get(0);
        assertThat(fast.responseTimes().buckets()).containsExactly(Map.entry(140L, 1L), Map.entry(150L, 2L),
                Map.entry(16000L, 1L));
        assertThat(fast.medianResponseTime()).isEqualTo(150);
        assertThat(fast.maxResponseTime()).isEqualTo(15678.9);
        assertThat(fast.startTime()).isCloseTo(1795371963.491422, within(1e-6));
        assertThat(master.snapshot().total().numRequests()).isEqualTo(4);
    }
}
