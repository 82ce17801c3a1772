package dev.locustj.core.internal.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one (method, name) entry or of the Aggregated total. Recording is lock-free and
 * allocation-free (except for a bucket above 753 s, seen for the first time); reading, reporting and the per-second
 * tick take the entry's lock only among themselves.
 *
 * <p>The HdrHistogram {@link Recorder} is optional: with a 3-digit, microsecond range up to tens of seconds it holds
 * about 400 KB, so {@link RequestStats} keeps one for the total and for a bounded number of entries only.
 */
final class StatsEntry {

    /** How many per-second bucket snapshots are kept for the current percentiles (protocol 8.3). */
    static final int CACHE_SIZE = 20;
    static final int WINDOW = 10;
    /** The extra entry key carrying a Java worker's HdrHistogram delta. */
    static final String HDR_KEY = "hdr_us";

    final String method;
    final String name;
    final LongAdder requests = new LongAdder();
    final LongAdder noneRequests = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder totalMicros = new LongAdder();
    final LongAdder contentLength = new LongAdder();
    final LongAccumulator minMicros = new LongAccumulator(Math::min, Long.MAX_VALUE);
    final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);
    final LongAccumulator lastMicros = new LongAccumulator(Math::max, 0);
    final AtomicLong startMicros;
    final PerSecondCounters perSecond = new PerSecondCounters();
    private final AtomicLongArray dense = new AtomicLongArray(Buckets.DENSE);
    private final ConcurrentHashMap<Long, LongAdder> sparse = new ConcurrentHashMap<>();
    private final Recorder recorder; // null when this entry has no high-resolution histogram
    private Histogram cumulative; // guarded by this, created at the first fold
    private Histogram interval; // guarded by this
    private final ArrayDeque<Cached> cache = new ArrayDeque<>(); // guarded by this

    private record Cached(long second, TreeMap<Long, Long> buckets, long timed) {
    }

    StatsEntry(String method, String name, long nowMicros, boolean highResolution) {
        this.method = method;
        this.name = name;
        this.recorder = highResolution ? new Recorder(3) : null;
        this.startMicros = new AtomicLong(nowMicros);
    }

    /**
     * Records one request (hot path). A NaN time is Python's {@code response_time=None}: the request counts, in
     * {@code num_none_requests} too, but has no time (OUT-11).
     */
    void record(double ms, long length, boolean failed, long nowMicros) {
        requests.increment();
        perSecond.add(Math.floorDiv(nowMicros, 1_000_000L), 1, failed ? 1 : 0);
        lastMicros.accumulate(nowMicros);
        if (failed) {
            failures.increment();
        }
        if (Double.isNaN(ms)) {
            noneRequests.increment();
            if (length > 0) {
                contentLength.add(length);
            }
            return;
        }
        long us = ms > 0 ? Math.round(Math.min(ms, 1e12) * 1000.0) : 0;
        totalMicros.add(us);
        minMicros.accumulate(us);
        maxMicros.accumulate(us);
        if (length > 0) {
            contentLength.add(length);
        }
        addBucket(Buckets.bucket(ms), 1);
        if (recorder != null) {
            recorder.recordValue(us);
        }
    }

    private void addBucket(long key, long count) {
        int i = Buckets.index(key);
        if (i >= 0) {
            dense.addAndGet(i, count);
        } else {
            sparse.computeIfAbsent(key, k -> new LongAdder()).add(count);
        }
    }

    /** Adds a validated wire delta (protocol 7.5, Locust's {@code extend}). */
    void merge(WireCodec.EntryDelta d) {
        requests.add(d.numRequests());
        noneRequests.add(d.numNoneRequests());
        failures.add(d.numFailures());
        totalMicros.add(toMicros(d.totalResponseTime()));
        contentLength.add(d.totalContentLength());
        maxMicros.accumulate(toMicros(d.maxResponseTime()));
        if (!Double.isNaN(d.minResponseTime())) {
            minMicros.accumulate(toMicros(d.minResponseTime()));
        }
        if (!Double.isNaN(d.lastRequestTimestamp())) {
            lastMicros.accumulate(toMicros(d.lastRequestTimestamp() * 1000.0));
        }
        startMicros.accumulateAndGet(toMicros(d.startTime() * 1000.0), Math::min);
        boolean exact = !d.hdrMicros().isEmpty();
        d.responseTimes().forEach(this::addBucket);
        if (recorder != null) {
            // One writer (the master's merge thread) under the entry lock, straight into the cumulative histogram:
            // the multi-writer Recorder's per-value phaser cost is for the hot path, not for merging.
            synchronized (this) {
                if (cumulative == null) {
                    cumulative = new Histogram(3);
                }
                if (exact) {
                    d.hdrMicros().forEach(cumulative::recordValueWithCount);
                } else { // a Python worker: the bucket is the best value there is
                    d.responseTimes().forEach((k, c) -> cumulative.recordValueWithCount(k * 1000L, c));
                }
            }
        }
        d.numReqsPerSec().forEach((s, n) -> perSecond.add(s, n, 0));
        d.numFailPerSec().forEach((s, n) -> perSecond.add(s, 0, n));
    }

    static long toMicros(double ms) {
        return Math.round(ms * 1000.0);
    }

    /** The bucket map now. */
    TreeMap<Long, Long> buckets() {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < Buckets.DENSE; i++) {
            long c = dense.get(i);
            if (c != 0) {
                m.put(Buckets.keyOf(i), c);
            }
        }
        sparse.forEach((k, v) -> {
            long c = v.sum();
            if (c != 0) {
                m.merge(k, c, Long::sum);
            }
        });
        return m;
    }

    private TreeMap<Long, Long> takeBuckets() {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < Buckets.DENSE; i++) {
            if (dense.get(i) != 0) {
                long c = dense.getAndSet(i, 0);
                if (c != 0) {
                    m.put(Buckets.keyOf(i), c);
                }
            }
        }
        sparse.forEach((k, v) -> {
            long c = v.sumThenReset();
            if (c != 0) {
                m.merge(k, c, Long::sum);
            }
        });
        return m;
    }

    long timed() {
        return requests.sum() - noneRequests.sum();
    }

    /** Min in ms, NaN when there is no timed request. */
    double minMs() {
        long m = minMicros.get();
        return m == Long.MAX_VALUE ? Double.NaN : m / 1000.0;
    }

    double maxMs() {
        return maxMicros.get() / 1000.0;
    }

    /** Zeroes everything (Locust's {@code StatsEntry.reset}) and caches the empty buckets for {@code now}. */
    synchronized void reset(long nowMicros) {
        serialize(true, nowMicros, false);
    }

    /**
     * The wire form of this entry (protocol 7.1), keys in Python's order; with {@code reset}, the counters are
     * taken and zeroed (Locust's {@code get_stripped_report}) and the start time becomes {@code nowMicros}. With
     * {@code withHdr} (Java worker to Java master), the high-resolution histogram since the previous report is
     * added under {@value #HDR_KEY} as {microseconds: count}; Python masters ignore unknown entry keys.
     */
    synchronized Map<String, Object> serialize(boolean reset, long nowMicros, boolean withHdr) {
        TreeMap<Long, Long> hdr = null;
        if (reset && recorder != null) {
            foldInterval();
            if (withHdr) {
                hdr = new TreeMap<>();
                for (HistogramIterationValue v : cumulative.recordedValues()) {
                    hdr.put(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
                }
            }
            cumulative = null;
        }
        long last = reset ? lastMicros.getThenReset() : lastMicros.get();
        long start = reset ? startMicros.getAndSet(nowMicros) : startMicros.get();
        long n = reset ? requests.sumThenReset() : requests.sum();
        long none = reset ? noneRequests.sumThenReset() : noneRequests.sum();
        long f = reset ? failures.sumThenReset() : failures.sum();
        long total = reset ? totalMicros.sumThenReset() : totalMicros.sum();
        long max = reset ? maxMicros.getThenReset() : maxMicros.get();
        long min = reset ? minMicros.getThenReset() : minMicros.get();
        long length = reset ? contentLength.sumThenReset() : contentLength.sum();
        TreeMap<Long, Long> rt = reset ? takeBuckets() : buckets();
        PerSecondCounters.Maps perSec = perSecond.read(reset);
        if (reset) {
            cache.clear();
            cacheNow(Math.floorDiv(nowMicros, 1_000_000L));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("method", method);
        m.put("last_request_timestamp", last == 0 ? null : last / 1_000_000.0);
        m.put("start_time", start / 1_000_000.0);
        m.put("num_requests", n);
        m.put("num_none_requests", none);
        m.put("num_failures", f);
        m.put("total_response_time", pyMillis(total));
        m.put("max_response_time", pyMillis(max));
        m.put("min_response_time", min == Long.MAX_VALUE ? null : pyMillis(min));
        m.put("total_content_length", length);
        m.put("response_times", rt);
        m.put("num_reqs_per_sec", perSec.requests());
        m.put("num_fail_per_sec", perSec.failures());
        if (hdr != null) {
            m.put(HDR_KEY, hdr);
        }
        return m;
    }

    /** Milliseconds from microseconds: a Long when whole (as Python keeps ints), else a Double. */
    static Number pyMillis(long micros) {
        return micros % 1000 == 0 ? (Number) (micros / 1000) : (Number) (micros / 1000.0);
    }

    /** The per-second tick: folds the HdrHistogram interval and caches the buckets for the current window. */
    synchronized void tick(long second) {
        foldInterval();
        cacheNow(second);
    }

    private void cacheNow(long second) {
        if (!cache.isEmpty() && cache.peekLast().second() >= second) {
            return;
        }
        long timed = timed();
        Cached previous = cache.peekLast();
        // an idle entry shares the previous copy instead of holding 20 equal maps
        TreeMap<Long, Long> copy = previous != null && previous.timed() == timed ? previous.buckets() : buckets();
        cache.addLast(new Cached(second, copy, timed));
        while (cache.size() > CACHE_SIZE) {
            cache.removeFirst();
        }
    }

    private void foldInterval() {
        if (recorder == null) {
            return;
        }
        interval = recorder.getIntervalHistogram(interval);
        if (cumulative == null) {
            cumulative = new Histogram(3);
        }
        cumulative.add(interval);
    }

    /** A copy of the high-resolution histogram (microseconds) since the start or the last reset, if kept. */
    synchronized Optional<Histogram> histogram() {
        foldInterval();
        return cumulative == null ? Optional.empty() : Optional.of(cumulative.copy());
    }

    /**
     * The response times of about the last {@value #WINDOW} seconds (protocol 8.3): the current buckets minus the
     * cached ones of second {@code now - 10}, or the nearest cached second; empty when none qualifies.
     */
    BucketResponseTimes current(long nowSecond, TreeMap<Long, Long> latest, long timed) {
        Cached found = null;
        synchronized (this) {
            if (cache.isEmpty()) {
                return BucketResponseTimes.EMPTY;
            }
            for (int i = 0; i <= 8 && found == null; i++) {
                found = cached(nowSecond - WINDOW - i);
                if (found == null && i > 0) {
                    found = cached(nowSecond - WINDOW + i);
                }
            }
        }
        if (found == null) {
            return BucketResponseTimes.EMPTY;
        }
        TreeMap<Long, Long> diff = new TreeMap<>();
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            long d = e.getValue() - found.buckets().getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                diff.put(e.getKey(), d);
            }
        }
        return new BucketResponseTimes(diff, timed - found.timed(), Double.NaN, Double.NaN);
    }

    private Cached cached(long second) {
        for (Iterator<Cached> it = cache.descendingIterator(); it.hasNext(); ) {
            Cached c = it.next();
            if (c.second() == second) {
                return c;
            } else if (c.second() < second) {
                return null;
            }
        }
        return null;
    }
}
