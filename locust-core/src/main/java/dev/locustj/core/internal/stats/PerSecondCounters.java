package dev.locustj.core.internal.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests and failures per epoch second (Locust's {@code num_reqs_per_sec} / {@code num_fail_per_sec}). A ring of
 * {@value #SIZE} seconds in one {@link AtomicLongArray} (tag, requests, failures per slot): adding to a second in the
 * ring is lock-free and allocation-free. A slot is claimed under the lock once per second; what it held moves to
 * the older seconds, kept in sorted primitive arrays (24 bytes a second), so the whole per-second history survives
 * (as Python's dicts do) at a fraction of a map's cost. About 250 bytes while the history is in the ring.
 */
final class PerSecondCounters {

    static final int SIZE = 8;
    private static final long EMPTY = Long.MIN_VALUE;

    /** Slot i: [3i] = the second (tag), [3i+1] = requests, [3i+2] = failures. */
    private final AtomicLongArray ring = new AtomicLongArray(3 * SIZE);
    // the older seconds, sorted, guarded by this
    private long[] olderSeconds;
    private long[] olderCounts; // [2j] requests, [2j+1] failures
    private int olderSize;

    PerSecondCounters() {
        for (int i = 0; i < SIZE; i++) {
            ring.set(3 * i, EMPTY);
        }
    }

    /** Adds {@code r} requests and {@code f} failures to the second {@code second}. */
    void add(long second, long r, long f) {
        int slot = (int) Math.floorMod(second, (long) SIZE);
        if (ring.get(3 * slot) == second) {
            addTo(slot, r, f);
        } else {
            slowAdd(slot, second, r, f);
        }
    }

    private void addTo(int slot, long r, long f) {
        if (r != 0) {
            ring.getAndAdd(3 * slot + 1, r);
        }
        if (f != 0) {
            ring.getAndAdd(3 * slot + 2, f);
        }
    }

    private synchronized void slowAdd(int slot, long second, long r, long f) {
        long tag = ring.get(3 * slot);
        if (tag == second) {
            addTo(slot, r, f);
        } else if (tag == EMPTY || tag < second) {
            long oldR = ring.getAndSet(3 * slot + 1, 0);
            long oldF = ring.getAndSet(3 * slot + 2, 0);
            if (tag != EMPTY) {
                addOlder(tag, oldR, oldF);
            }
            ring.set(3 * slot, second);
            addTo(slot, r, f);
        } else {
            addOlder(second, r, f);
        }
    }

    // guarded by this
    private void addOlder(long second, long r, long f) {
        if (r == 0 && f == 0) {
            return;
        }
        int i = olderSize == 0 ? -1 : Arrays.binarySearch(olderSeconds, 0, olderSize, second);
        if (i >= 0) {
            olderCounts[2 * i] += r;
            olderCounts[2 * i + 1] += f;
            return;
        }
        int at = olderSize == 0 ? 0 : -i - 1;
        if (olderSeconds == null) {
            olderSeconds = new long[4];
            olderCounts = new long[8];
        } else if (olderSize == olderSeconds.length) {
            olderSeconds = Arrays.copyOf(olderSeconds, olderSize * 2);
            olderCounts = Arrays.copyOf(olderCounts, olderSize * 4);
        }
        System.arraycopy(olderSeconds, at, olderSeconds, at + 1, olderSize - at);
        System.arraycopy(olderCounts, 2 * at, olderCounts, 2 * at + 2, 2 * (olderSize - at));
        olderSeconds[at] = second;
        olderCounts[2 * at] = r;
        olderCounts[2 * at + 1] = f;
        olderSize++;
    }

    /** The requests ({@code which == 0}) or failures ({@code which == 1}) counted in one second. */
    long get(long second, int which) {
        int slot = (int) Math.floorMod(second, (long) SIZE);
        long inRing = ring.get(3 * slot) == second ? ring.get(3 * slot + 1 + which) : 0;
        synchronized (this) {
            if (olderSize == 0) {
                return inRing;
            }
            int i = Arrays.binarySearch(olderSeconds, 0, olderSize, second);
            return inRing + (i < 0 ? 0 : olderCounts[2 * i + which]);
        }
    }

    /** The non-zero seconds of requests and of failures, each sorted by second. */
    record Maps(TreeMap<Long, Long> requests, TreeMap<Long, Long> failures) {
    }

    /** Every non-zero second; with {@code reset}, the counts are taken (zeroed). */
    synchronized Maps read(boolean reset) {
        Maps out = new Maps(new TreeMap<>(), new TreeMap<>());
        for (int i = 0; i < olderSize; i++) {
            put(out.requests(), olderSeconds[i], olderCounts[2 * i]);
            put(out.failures(), olderSeconds[i], olderCounts[2 * i + 1]);
        }
        if (reset) {
            olderSeconds = null;
            olderCounts = null;
            olderSize = 0;
        }
        for (int i = 0; i < SIZE; i++) {
            long tag = ring.get(3 * i);
            if (tag == EMPTY) {
                continue;
            }
            long r = reset ? ring.getAndSet(3 * i + 1, 0) : ring.get(3 * i + 1);
            long f = reset ? ring.getAndSet(3 * i + 2, 0) : ring.get(3 * i + 2);
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
