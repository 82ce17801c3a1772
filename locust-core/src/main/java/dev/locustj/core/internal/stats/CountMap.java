package dev.locustj.core.internal.stats;

import java.util.Arrays;

/**
 * A validated wire count map ({@code {key: count}}, e.g. response-time buckets or per-second counts) as two
 * primitive arrays: the master merges thousands of these a second, and boxed maps cost a fifth of its CPU.
 * Keys may repeat (the consumers add counts up); zero counts are left out. Equal when they hold the same pairs in
 * the same order (tests compare the streaming and the generic decoding with it).
 */
final class CountMap {

    static final CountMap EMPTY = new CountMap(new long[0], new long[0], 0);

    private final long[] keys;
    private final long[] counts;
    private final int size;

    CountMap(long[] keys, long[] counts, int size) {
        this.keys = keys;
        this.counts = counts;
        this.size = size;
    }

    /** Consumes (key, count) pairs. */
    @FunctionalInterface
    interface Consumer {
        /** One pair. */
        void accept(long key, long count);
    }

    /** Calls {@code c} for every pair. */
    void forEach(Consumer c) {
        for (int i = 0; i < size; i++) {
            c.accept(keys[i], counts[i]);
        }
    }

    /** Whether there is no pair. */
    boolean isEmpty() {
        return size == 0;
    }

    /** The number of pairs. */
    int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountMap c && c.size == size && Arrays.equals(keys, 0, size, c.keys, 0, size)
                && Arrays.equals(counts, 0, size, c.counts, 0, size);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * (31 * h + Long.hashCode(keys[i])) + Long.hashCode(counts[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(counts[i]);
        }
        return b.append('}').toString();
    }
}
