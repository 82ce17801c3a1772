package dev.locustj.core.internal.stats;

import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one entry's response-time buckets ({@link Buckets}), grown as buckets are first used: the dense
 * keys (up to 753 s) live in chunks of {@value #CHUNK} counters created on first use, so an entry whose requests
 * fall in a few buckets holds a few hundred bytes instead of the 8 KB of a full array. Adding is lock-free and
 * allocation-free once a chunk exists; keys above the dense range go to a map created on first use.
 */
final class BucketCounts {

    static final int CHUNK = 16;

    private final AtomicReferenceArray<AtomicLongArray> chunks =
            new AtomicReferenceArray<>(Buckets.DENSE / CHUNK);
    private volatile ConcurrentHashMap<Long, LongAdder> sparse;

    /** Adds {@code count} to the bucket {@code key}. */
    void add(long key, long count) {
        int i = Buckets.index(key);
        if (i >= 0) {
            AtomicLongArray chunk = chunks.get(i / CHUNK);
            if (chunk == null) {
                chunk = chunk(i / CHUNK);
            }
            chunk.addAndGet(i % CHUNK, count);
        } else {
            sparse().computeIfAbsent(key, k -> new LongAdder()).add(count);
        }
    }

    private AtomicLongArray chunk(int c) {
        AtomicLongArray fresh = new AtomicLongArray(CHUNK);
        return chunks.compareAndSet(c, null, fresh) ? fresh : chunks.get(c);
    }

    private ConcurrentHashMap<Long, LongAdder> sparse() {
        ConcurrentHashMap<Long, LongAdder> s = sparse;
        if (s == null) {
            synchronized (this) {
                s = sparse;
                if (s == null) {
                    s = new ConcurrentHashMap<>(4);
                    sparse = s;
                }
            }
        }
        return s;
    }

    /** The non-zero buckets now; with {@code take}, they are zeroed as they are read. */
    TreeMap<Long, Long> read(boolean take) {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int c = 0; c < chunks.length(); c++) {
            AtomicLongArray chunk = chunks.get(c);
            if (chunk == null) {
                continue;
            }
            for (int j = 0; j < CHUNK; j++) {
                if (chunk.get(j) != 0) {
                    long n = take ? chunk.getAndSet(j, 0) : chunk.get(j);
                    if (n != 0) {
                        m.put(Buckets.keyOf(c * CHUNK + j), n);
                    }
                }
            }
        }
        ConcurrentHashMap<Long, LongAdder> s = sparse;
        if (s != null) {
            s.forEach((k, v) -> {
                long n = take ? v.sumThenReset() : v.sum();
                if (n != 0) {
                    m.merge(k, n, Long::sum);
                }
            });
        }
        return m;
    }
}
