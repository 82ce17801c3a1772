package dev.locustj.core.internal.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests and failures per epoch second (Locust's {@code num_reqs_per_sec} / {@code num_fail_per_sec}). A ring of
 * {@value #SIZE} seconds of {@link LongAdder}s, tagged with their second; adding to the current second is lock-free
 * and allocation-free. A slot is claimed under the lock once per second; what it held moves to a sorted map of
 * older seconds so the whole per-second history survives (as Python's dicts do).
 */
final class PerSecondCounters {

    static final int SIZE = 128;
    private static final long EMPTY = Long.MIN_VALUE;

    private final AtomicLongArray tags = new AtomicLongArray(SIZE);
    private final LongAdder[] requests = new LongAdder[SIZE];
    private final LongAdder[] failures = new LongAdder[SIZE];
    private final TreeMap<Long, long[]> older = new TreeMap<>(); // guarded by this

    PerSecondCounters() {
        for (int i = 0; i < SIZE; i++) {
            tags.set(i, EMPTY);
            requests[i] = new LongAdder();
            failures[i] = new LongAdder();
        }
    }

    /** Adds {@code r} requests and {@code f} failures to the second {@code second}. */
    void add(long second, long r, long f) {
        int slot = (int) Math.floorMod(second, (long) SIZE);
        if (tags.get(slot) == second) {
            addTo(slot, r, f);
        } else {
            slowAdd(slot, second, r, f);
        }
    }

    private void addTo(int slot, long r, long f) {
        if (r != 0) {
            requests[slot].add(r);
        }
        if (f != 0) {
            failures[slot].add(f);
        }
    }

    private synchronized void slowAdd(int slot, long second, long r, long f) {
        long tag = tags.get(slot);
        if (tag == second) {
            addTo(slot, r, f);
        } else if (tag == EMPTY || tag < second) {
            if (tag != EMPTY) {
                long oldR = requests[slot].sumThenReset();
                long oldF = failures[slot].sumThenReset();
                if (oldR != 0 || oldF != 0) {
                    long[] o = older.computeIfAbsent(tag, k -> new long[2]);
                    o[0] += oldR;
                    o[1] += oldF;
                }
            } else {
                requests[slot].reset();
                failures[slot].reset();
            }
            tags.set(slot, second);
            addTo(slot, r, f);
        } else {
            long[] o = older.computeIfAbsent(second, k -> new long[2]);
            o[0] += r;
            o[1] += f;
        }
    }

    /** The requests ({@code which == 0}) or failures ({@code which == 1}) counted in one second. */
    long get(long second, int which) {
        int slot = (int) Math.floorMod(second, (long) SIZE);
        long inRing = tags.get(slot) == second ? (which == 0 ? requests : failures)[slot].sum() : 0;
        synchronized (this) {
            long[] o = older.isEmpty() ? null : older.get(second);
            return inRing + (o == null ? 0 : o[which]);
        }
    }

    /** The non-zero seconds of requests and of failures, each sorted by second. */
    record Maps(TreeMap<Long, Long> requests, TreeMap<Long, Long> failures) {
    }

    /** Every non-zero second; with {@code reset}, the counts are taken (zeroed). */
    synchronized Maps read(boolean reset) {
        Maps out = new Maps(new TreeMap<>(), new TreeMap<>());
        for (Map.Entry<Long, long[]> e : older.entrySet()) {
            put(out.requests(), e.getKey(), e.getValue()[0]);
            put(out.failures(), e.getKey(), e.getValue()[1]);
        }
        if (reset) {
            older.clear();
        }
        for (int i = 0; i < SIZE; i++) {
            long tag = tags.get(i);
            if (tag == EMPTY) {
                continue;
            }
            long r = reset ? requests[i].sumThenReset() : requests[i].sum();
            long f = reset ? failures[i].sumThenReset() : failures[i].sum();
            put(out.requests(), tag, r);
            put(out.failures(), tag, f);
        }
        return out;
    }

    private static void put(Map<Long, Long> m, long k, long v) {
        if (v != 0) {
            m.merge(k, v, Long::sum);
        }
    }
}
