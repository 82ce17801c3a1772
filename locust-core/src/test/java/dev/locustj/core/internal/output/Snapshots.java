package dev.locustj.core.internal.output;

import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.stats.BucketResponseTimes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The known snapshot of console-golden.py (same numbers). */
final class Snapshots {

    private Snapshots() {
    }

    static StatsEntrySnapshot entry(String method, String name, long n, long f, double total, double min, double max,
                                    Map<Long, Long> buckets, double cur, double curf, double tot, double totf) {
        BucketResponseTimes rt = new BucketResponseTimes(new TreeMap<>(buckets), n, min, max);
        return new StatsEntrySnapshot(method, name, n, f, total, min, max, n * 10, cur, curf, tot, totf, rt,
                BucketResponseTimes.EMPTY, 1_700_000_000.0, n == 0 ? 0 : 1_700_000_010.0);
    }

    static StatsSnapshot known() {
        List<StatsEntrySnapshot> entries = List.of(
                entry("POST", "/fail", 8, 3, 41.0, 0.5, 12.0, Map.of(0L, 1L, 5L, 6L, 12L, 1L), 0.125, 0.375, 0.5,
                        0.1875),
                entry("GET", "/fast", 29, 0, 73204.7, 3.0, 15678.9, Map.of(3L, 1L, 150L, 20L, 2500L, 7L, 16000L, 1L),
                        2.5, 0.0, 1.2345, 0.0),
                entry("CUSTOMVERB", "/" + "x".repeat(90), 1, 1, 99.6, 99.6, 99.6, Map.of(100L, 1L), 0, 0, 0.01,
                        0.01),
                entry("GET", "/zero", 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0));
        TreeMap<Long, Long> all = new TreeMap<>(Map.of(0L, 1L, 3L, 1L, 5L, 6L, 12L, 1L, 100L, 1L, 150L, 20L));
        all.put(2500L, 7L);
        all.put(16000L, 1L);
        StatsEntrySnapshot total = entry("", "Aggregated", 38, 4, 73345.3, 0.5, 15678.9, all, 2.625, 0.375, 1.7455,
                0.1975);
        List<StatsError> errors = List.of(
                new StatsError("POST", "/fail", "CatchResponseError('got 500')", 3, 1_700_000_001.5, 1_700_000_009.2),
                new StatsError("GET", "/x", "ConnectionRefusedError(111, 'Connection refused')", 2, 1_700_000_002, 0));
        List<StatsExceptionEntry> exceptions = List.of(new StatsExceptionEntry(2, "bad, \"very\"",
                "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n", Set.of("worker-b", "local")));
        return new StatsSnapshot(1_700_000_010.7, entries, total, errors, exceptions, 12);
    }
}
