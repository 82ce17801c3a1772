package dev.locustj.core.internal.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live counters of one (method, name) entry or of the Aggregated total. Recording is lock-free and
 * allocation-free (except for a bucket chunk or a per-second history slot used for the first time); reading,
 * reporting and the per-second tick take the entry's lock only among themselves. The scalar counters are plain
 * fields updated atomically, the buckets grow as they are used: an entry with a few buckets holds about 1.2 KB.
 *
 * <p>The HdrHistogram {@link Recorder} is optional: with a 3-digit, microsecond range up to tens of seconds it holds
 * about 400 KB, so {@link RequestStats} keeps one for the total and for a bounded number of entries only.
 */
final class StatsEntry {

    static final int WINDOW = 10;
    /** The extra entry key carrying a Java worker's HdrHistogram delta. */
    static final String HDR_KEY = "hdr_us";

    final String method;
    final String name;
    private static final VarHandle REQUESTS = handle("requests");
    private static final VarHandle NONE = handle("noneRequests");
    private static final VarHandle FAILURES = handle("failures");
    private static final VarHandle TOTAL = handle("totalMicros");
    private static final VarHandle LENGTH = handle("contentLength");
    private static final VarHandle MIN = handle("minMicros");
    private static final VarHandle MAX = handle("maxMicros");
    private static final VarHandle LAST = handle("lastMicros");
    private static final VarHandle START = handle("startMicros");
    // updated through the handles above only
    private volatile long requests;
    private volatile long noneRequests;
    private volatile long failures;
    private volatile long totalMicros;
    private volatile long contentLength;
    private volatile long minMicros = Long.MAX_VALUE;
    private volatile long maxMicros;
    private volatile long lastMicros;
    private volatile long startMicros;
    final PerSecondCounters perSecond = new PerSecondCounters();
    private final BucketCounts buckets = new BucketCounts();
    private final Recorder recorder; // null when this entry has no high-resolution histogram
    private Histogram cumulative; // guarded by this, created at the first fold
    private Histogram interval; // guarded by this
    private final BucketHistory cache = new BucketHistory(); // guarded by this

    StatsEntry(String method, String name, long nowMicros, boolean highResolution) {
        this.method = method;
        this.name = name;
        this.recorder = highResolution ? new Recorder(3) : null;
        this.startMicros = nowMicros;
    }

    private static VarHandle handle(String field) {
        try {
            return MethodHandles.lookup().findVarHandle(StatsEntry.class, field, long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private void accumulateMin(VarHandle h, long v) {
        long cur = (long) h.getVolatile(this);
        while (v < cur && !h.compareAndSet(this, cur, v)) {
            cur = (long) h.getVolatile(this);
        }
    }

    private void accumulateMax(VarHandle h, long v) {
        long cur = (long) h.getVolatile(this);
        while (v > cur && !h.compareAndSet(this, cur, v)) {
            cur = (long) h.getVolatile(this);
        }
    }

    long requests() {
        return requests;
    }

    long failures() {
        return failures;
    }

    long noneRequests() {
        return noneRequests;
    }

    long totalMicros() {
        return totalMicros;
    }

    long contentLength() {
        return contentLength;
    }

    long lastMicros() {
        return lastMicros;
    }

    long startMicros() {
        return startMicros;
    }

    /**
     * Records one request (hot path). A NaN time is Python's {@code response_time=None}: the request counts, in
     * {@code num_none_requests} too, but has no time (OUT-11).
     */
    void record(double ms, long length, boolean failed, long nowMicros) {
        REQUESTS.getAndAdd(this, 1L);
        perSecond.add(Math.floorDiv(nowMicros, 1_000_000L), 1, failed ? 1 : 0);
        accumulateMax(LAST, nowMicros);
        if (failed) {
            FAILURES.getAndAdd(this, 1L);
        }
        if (Double.isNaN(ms)) {
            NONE.getAndAdd(this, 1L);
            if (length > 0) {
                LENGTH.getAndAdd(this, length);
            }
            return;
        }
        long us = ms > 0 ? Math.round(Math.min(ms, 1e12) * 1000.0) : 0;
        TOTAL.getAndAdd(this, us);
        accumulateMin(MIN, us);
        accumulateMax(MAX, us);
        if (length > 0) {
            LENGTH.getAndAdd(this, length);
        }
        buckets.add(Buckets.bucket(ms), 1);
        if (recorder != null) {
            recorder.recordValue(us);
        }
    }

    /** Adds a validated wire delta (protocol 7.5, Locust's {@code extend}). */
    void merge(WireCodec.EntryDelta d) {
        REQUESTS.getAndAdd(this, d.numRequests());
        NONE.getAndAdd(this, d.numNoneRequests());
        FAILURES.getAndAdd(this, d.numFailures());
        TOTAL.getAndAdd(this, toMicros(d.totalResponseTime()));
        LENGTH.getAndAdd(this, d.totalContentLength());
        accumulateMax(MAX, toMicros(d.maxResponseTime()));
        if (!Double.isNaN(d.minResponseTime())) {
            accumulateMin(MIN, toMicros(d.minResponseTime()));
        }
        if (!Double.isNaN(d.lastRequestTimestamp())) {
            accumulateMax(LAST, toMicros(d.lastRequestTimestamp() * 1000.0));
        }
        accumulateMin(START, toMicros(d.startTime() * 1000.0));
        boolean exact = !d.hdrMicros().isEmpty();
        d.responseTimes().forEach(buckets::add);
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
        return buckets.read(false);
    }

    long timed() {
        return requests - noneRequests;
    }

    /** Min in ms, NaN when there is no timed request. */
    double minMs() {
        long m = minMicros;
        return m == Long.MAX_VALUE ? Double.NaN : m / 1000.0;
    }

    double maxMs() {
        return maxMicros / 1000.0;
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
        long last = reset ? (long) LAST.getAndSet(this, 0L) : lastMicros;
        long start = reset ? (long) START.getAndSet(this, nowMicros) : startMicros;
        long n = reset ? (long) REQUESTS.getAndSet(this, 0L) : requests;
        long none = reset ? (long) NONE.getAndSet(this, 0L) : noneRequests;
        long f = reset ? (long) FAILURES.getAndSet(this, 0L) : failures;
        long total = reset ? (long) TOTAL.getAndSet(this, 0L) : totalMicros;
        long max = reset ? (long) MAX.getAndSet(this, 0L) : maxMicros;
        long min = reset ? (long) MIN.getAndSet(this, Long.MAX_VALUE) : minMicros;
        long length = reset ? (long) LENGTH.getAndSet(this, 0L) : contentLength;
        TreeMap<Long, Long> rt = buckets.read(reset);
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
        cache.keep(second, timed(), this::buckets);
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
        BucketHistory.Copy found = null;
        synchronized (this) {
            if (cache.isEmpty()) {
                return BucketResponseTimes.EMPTY;
            }
            for (int i = 0; i <= 8 && found == null; i++) {
                found = cache.at(nowSecond - WINDOW - i);
                if (found == null && i > 0) {
                    found = cache.at(nowSecond - WINDOW + i);
                }
            }
        }
        if (found == null) {
            return BucketResponseTimes.EMPTY;
        }
        TreeMap<Long, Long> diff = new TreeMap<>();
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            long d = e.getValue() - found.count(e.getKey());
            if (d > 0) {
                diff.put(e.getKey(), d);
            }
        }
        return new BucketResponseTimes(diff, timed - found.timed, Double.NaN, Double.NaN);
    }
}
