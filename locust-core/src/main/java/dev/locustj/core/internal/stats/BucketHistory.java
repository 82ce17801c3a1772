package dev.locustj.core.internal.stats;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-second copies of one entry's buckets behind the "current" percentiles (OUT-17, protocol 8.3), kept for
 * the last {@value #SECONDS} seconds. A copy is two sorted primitive arrays; an idle second extends the previous copy
 * instead of adding one, so an entry that stopped receiving requests holds a single small copy. Not thread-safe:
 * the owning entry guards it.
 */
final class BucketHistory {

    /** How many seconds of copies are kept. */
    static final int SECONDS = 20;

    /** The buckets as they were from second {@code from} to second {@code to}. */
    static final class Copy {
        final long from;
        long to;
        final long timed;
        final long[] keys;
        final long[] counts;

        Copy(long second, long timed, TreeMap<Long, Long> buckets) {
            this.from = second;
            this.to = second;
            this.timed = timed;
            this.keys = new long[buckets.size()];
            this.counts = new long[buckets.size()];
            int i = 0;
            for (Map.Entry<Long, Long> e : buckets.entrySet()) {
                keys[i] = e.getKey();
                counts[i++] = e.getValue();
            }
        }

        /** The count of bucket {@code key} in this copy. */
        long count(long key) {
            int i = Arrays.binarySearch(keys, key);
            return i < 0 ? 0 : counts[i];
        }
    }

    private ArrayDeque<Copy> copies; // created at the first copy

    /** Forgets every copy. */
    void clear() {
        copies = null;
    }

    /** Whether there is no copy. */
    boolean isEmpty() {
        return copies == null || copies.isEmpty();
    }

    /**
     * Keeps the buckets of {@code second}: nothing when that second is already kept, the previous copy extended when
     * no timed request came since ({@code timed} unchanged), else a new copy of {@code buckets}.
     */
    void keep(long second, long timed, java.util.function.Supplier<TreeMap<Long, Long>> buckets) {
        if (copies == null) {
            copies = new ArrayDeque<>(4);
        }
        Copy last = copies.peekLast();
        if (last != null && last.to >= second) {
            return;
        }
        if (last != null && last.timed == timed) {
            last.to = second;
        } else {
            copies.addLast(new Copy(second, timed, buckets.get()));
        }
        while (!copies.isEmpty() && copies.peekFirst().to <= second - SECONDS) {
            copies.removeFirst();
        }
    }

    /** The copy covering {@code second}, or null. */
    Copy at(long second) {
        if (copies == null || copies.isEmpty() || second <= copies.peekLast().to - SECONDS) {
            return null;
        }
        for (Iterator<Copy> it = copies.descendingIterator(); it.hasNext(); ) {
            Copy c = it.next();
            if (c.from <= second && second <= c.to) {
                return c;
            } else if (c.to < second) {
                return null;
            }
        }
        return null;
    }
}
