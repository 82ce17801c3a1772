package dev.locustj.core.internal.stats;

import dev.locustj.core.HistoryPoint;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Stats;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.InternalThreads;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The statistics of one process: per (method, name) entries, the Aggregated total, errors and exceptions
 * (Locust's {@code RequestStats} plus the runner's exceptions table).
 *
 * <p>{@link #record(RequestEvent)} is the request event listener and runs on every user thread: it is lock-free and
 * allocates nothing after the first request of a (method, name) (a failure allocates its error key). A single
 * daemon ticker ({@link #start()}) folds the per-second data every second: HdrHistogram intervals, the bucket
 * snapshots behind the "current" percentiles (OUT-17) and the history (OUT-45). Tests drive {@link #tick()} with an
 * injected {@link StatsClock} instead.
 *
 * <p>Distributed runs: {@link #workerReport()} takes a worker's delta (protocol 7.4), and
 * {@link #mergeWorkerReport(Map)} merges one into a master's stats (protocol 7.5).
 */
public final class RequestStats implements Stats {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStats.class);
    /** Locust's Aggregated row name. */
    public static final String AGGREGATED = "Aggregated";
    /** How many history points are kept (4 hours at one a second). */
    public static final int HISTORY_LIMIT = 4 * 3600;
    /** The percentiles kept in each history point (Locust's PERCENTILES_TO_CHART). */
    public static final List<Double> PERCENTILES_TO_CHART = List.of(0.5, 0.95);

    /**
     * How many (method, name) entries get a high-resolution histogram by default (each costs up to ~400 KB): none;
     * the Aggregated row always has one.
     */
    public static final int DEFAULT_HISTOGRAM_ENTRY_LIMIT = 0;
    /** The default of {@link #maxNames(int)}. */
    public static final int DEFAULT_MAX_NAMES = NameGuard.DEFAULT_MAX_NAMES;
    /** The name that new names are folded into past the hard limit (see {@link #maxNames(int)}). */
    public static final String OTHER = NameGuard.OTHER;

    private final String nodeId;
    private final StatsClock clock;
    private final AtomicInteger histogramEntries = new AtomicInteger();
    private final NameGuard names = new NameGuard();
    private volatile int histogramEntryLimit = DEFAULT_HISTOGRAM_ENTRY_LIMIT;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, StatsEntry>> entries = new ConcurrentHashMap<>();
    private final StatsEntry total;
    private final ConcurrentHashMap<ErrorKey, ErrorEntry> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ExceptionEntry> exceptions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ArrayDeque<HistoryPoint> history = new ArrayDeque<>(); // guarded by itself
    private volatile IntSupplier userCount = () -> 0;
    private volatile BooleanSupplier historyCondition = () -> true;
    private volatile BiConsumer<String, String> exceptionListener = (message, traceback) -> { };
    private ScheduledExecutorService ticker; // guarded by this

    private record ErrorKey(String method, String name, String error) {
    }

    private static final class ErrorEntry {
        final ErrorKey key;
        final long sequence;
        final LongAdder occurrences = new LongAdder();
        final LongAccumulator firstSeen = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAccumulator lastSeen = new LongAccumulator(Math::max, Long.MIN_VALUE);

        ErrorEntry(ErrorKey key, long sequence) {
            this.key = key;
            this.sequence = sequence;
        }
    }

    private static final class ExceptionEntry {
        final String message;
        final String traceback;
        final long sequence;
        final LongAdder count = new LongAdder();
        final Set<String> nodes = ConcurrentHashMap.newKeySet();

        ExceptionEntry(String message, String traceback, long sequence) {
            this.message = message;
            this.traceback = traceback;
            this.sequence = sequence;
        }
    }

    /** Creates empty stats for the node {@code nodeId} ("local" for a standalone run), on the system clock. */
    public RequestStats(String nodeId) {
        this(nodeId, StatsClock.system());
    }

    /** Creates empty stats reading the time from {@code clock}. */
    public RequestStats(String nodeId, StatsClock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.total = new StatsEntry("", AGGREGATED, clock.epochMicros(), true);
    }

    /** The node id used in the exceptions table. */
    public String nodeId() {
        return nodeId;
    }

    /** The clock. */
    public StatsClock clock() {
        return clock;
    }

    /** Where the snapshot's user count comes from. */
    public void userCountSupplier(IntSupplier supplier) {
        this.userCount = supplier;
    }

    /**
     * When the ticker appends a history point (Locust skips while the runner is ready or stopped); always by
     * default.
     */
    public void historyCondition(BooleanSupplier condition) {
        this.historyCondition = condition;
    }

    // ------------------------------------------------------------------ recording (hot path)

    /** Records one request (the request event listener). Hot path: lock-free. */
    public void record(RequestEvent event) {
        long now = clock.epochMicros();
        boolean failed = event.exception().isPresent();
        StatsEntry e = entry(event.requestType(), event.name(), now);
        e.record(event.responseTime(), event.responseLength(), failed, now);
        total.record(event.responseTime(), event.responseLength(), failed, now);
        if (failed) {
            logError(e.method, e.name, ErrorTexts.errorRepr(event.exception().get()), now);
        }
    }

    /** Records one successful request of {@code responseTimeMs}. */
    public void logRequest(String method, String name, double responseTimeMs, long contentLength) {
        long now = clock.epochMicros();
        entry(method, name, now).record(responseTimeMs, contentLength, false, now);
        total.record(responseTimeMs, contentLength, false, now);
    }

    /** Records one failed request; {@code error} is the stored error text (see {@link ErrorTexts#errorRepr}). */
    public void logFailure(String method, String name, double responseTimeMs, long contentLength, String error) {
        long now = clock.epochMicros();
        StatsEntry e = entry(method, name, now);
        e.record(responseTimeMs, contentLength, true, now);
        total.record(responseTimeMs, contentLength, true, now);
        logError(e.method, e.name, error, now);
    }

    private StatsEntry entry(String method, String name, long now) {
        String kept = name;
        ConcurrentHashMap<String, StatsEntry> byMethod = entries.get(name);
        if (byMethod == null) {
            synchronized (names) { // a new name: counted and maybe folded by the guard, one at a time
                byMethod = entries.get(name);
                if (byMethod == null) {
                    kept = names.admit(name, entries.size());
                    byMethod = entries.computeIfAbsent(kept, k -> new ConcurrentHashMap<>(2));
                }
            }
        }
        StatsEntry e = byMethod.get(method);
        if (e == null) {
            String n = kept;
            e = byMethod.computeIfAbsent(method, m -> new StatsEntry(m, n, now,
                    histogramEntries.incrementAndGet() <= histogramEntryLimit));
        }
        return e;
    }

    /** The name an error of a worker is kept under: folded like its entry once past the hard limit. */
    private String errorName(String name) {
        return entries.containsKey(name) || entries.size() < names.hardLimit() ? name : OTHER;
    }

    private void logError(String method, String name, String error, long now) {
        ErrorEntry e = errorEntry(new ErrorKey(method, name, error));
        e.occurrences.increment();
        e.firstSeen.accumulate(now);
        e.lastSeen.accumulate(now);
    }

    private ErrorEntry errorEntry(ErrorKey key) {
        ErrorEntry e = errors.get(key);
        return e != null ? e : errors.computeIfAbsent(key, k -> new ErrorEntry(k, sequence.incrementAndGet()));
    }

    /** The Locust-style error text of a throwable (newest console form); see {@link ErrorTexts#errorText}. */
    public static String errorText(Throwable t) {
        return ErrorTexts.errorText(t);
    }

    /**
     * Records an exception that escaped a task on this node (LF-54, OUT-23): keyed by its stack trace (frames
     * only), with its message (the simple class name when it has none). Then calls the exception listener.
     */
    public void logException(Throwable exception) {
        String message = exception.getMessage() != null ? exception.getMessage()
                : exception.getClass().getSimpleName();
        String traceback = traceback(exception);
        addException(message, traceback, 1, Set.of(nodeId));
        try {
            exceptionListener.accept(message, traceback);
        } catch (RuntimeException e) {
            LOG.warn("exception listener failed: {}", e.toString());
        }
    }

    /**
     * Called with (message, traceback) after {@link #logException} records an exception; a worker runner uses it
     * to send Locust's {@code exception} message to the master. Must be fast and must not throw.
     */
    public void exceptionListener(BiConsumer<String, String> listener) {
        this.exceptionListener = listener;
    }

    /** The stack trace of {@code t} without its first line (the message), as Locust keys by frames only. */
    static String traceback(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(nl + 1);
    }

    /** Adds exceptions reported by another node. */
    public void addException(String message, String traceback, long count, Set<String> nodes) {
        ExceptionEntry e = exceptions.get(traceback);
        if (e == null) {
            e = exceptions.computeIfAbsent(traceback,
                    k -> new ExceptionEntry(message, traceback, sequence.incrementAndGet()));
        }
        e.count.add(count);
        e.nodes.addAll(nodes);
    }

    // ------------------------------------------------------------------ ticker

    /** Starts the background sampling (per-second counters, history); idempotent. */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(InternalThreads.factory("locust-stats-ticker"));
        long delay = 1000 - Math.floorMod(clock.epochMicros() / 1000, 1000L);
        ticker.scheduleAtFixedRate(InternalThreads.guarded("locust-stats-ticker", this::safeTick), delay, 1000,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the background sampling. */
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("stats tick failed: {}", e.toString());
            LOG.debug("stats tick failed", e);
        }
    }

    /** One tick of the ticker (called every second by {@link #start()}; tests call it directly). */
    public void tick() {
        long second = clock.epochSecond();
        forEachEntry(e -> e.tick(second));
        total.tick(second);
        if (historyCondition.getAsBoolean()) {
            StatsSnapshot s = snapshotOf(List.of(), false);
            StatsEntrySnapshot t = s.total();
            Map<Double, Long> p = new LinkedHashMap<>();
            for (double q : PERCENTILES_TO_CHART) {
                p.put(q, t.currentResponseTimes().percentile(q));
            }
            HistoryPoint point = new HistoryPoint(s.timestamp(), s.userCount(), t.currentRps(),
                    t.currentFailPerSec(), Map.copyOf(p), Math.round(t.avgResponseTime() * 100) / 100.0);
            synchronized (history) {
                history.addLast(point);
                while (history.size() > HISTORY_LIMIT) {
                    history.removeFirst();
                }
            }
        }
    }

    private void forEachEntry(java.util.function.Consumer<StatsEntry> action) {
        for (ConcurrentHashMap<String, StatsEntry> byMethod : entries.values()) {
            byMethod.values().forEach(action);
        }
    }

    private List<StatsEntry> sortedEntries() {
        List<StatsEntry> list = new ArrayList<>();
        forEachEntry(list::add);
        list.sort(Comparator.comparing((StatsEntry e) -> e.name).thenComparing(e -> e.method));
        return list;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public StatsSnapshot snapshot() {
        return snapshotOf(sortedEntries(), true);
    }

    private StatsSnapshot snapshotOf(List<StatsEntry> list, boolean withTables) {
        long nowMicros = clock.epochMicros();
        long nowSecond = Math.floorDiv(nowMicros, 1_000_000L);
        long lastMicros = total.lastMicros();
        double globalLast = lastMicros / 1_000_000.0;
        double globalStart = total.startMicros() / 1_000_000.0;
        List<StatsEntrySnapshot> out = new ArrayList<>(list.size());
        for (StatsEntry e : list) {
            out.add(snapshotOf(e, nowSecond, globalLast, globalStart));
        }
        StatsEntrySnapshot tot = snapshotOf(total, nowSecond, globalLast, globalStart);
        return new StatsSnapshot(nowMicros / 1_000_000.0, List.copyOf(out), tot,
                withTables ? errorList() : List.of(), withTables ? exceptionList() : List.of(),
                userCount.getAsInt());
    }

    private static StatsEntrySnapshot snapshotOf(StatsEntry e, long nowSecond, double globalLast,
                                                 double globalStart) {
        long n = e.requests();
        long f = e.failures();
        long timed = n - e.noneRequests();
        TreeMap<Long, Long> buckets = e.buckets();
        double min = e.minMs();
        double max = e.maxMs();
        BucketResponseTimes rt = new BucketResponseTimes(buckets, timed, min, max);
        BucketResponseTimes current = e.current(nowSecond, buckets, timed);
        double span = globalLast - globalStart;
        boolean rates = globalLast != 0 && globalStart != 0 && span != 0;
        long last = e.lastMicros();
        return new StatsEntrySnapshot(e.method, e.name, n, f, e.totalMicros() / 1000.0,
                Double.isNaN(min) ? 0 : min, max, e.contentLength(),
                currentRate(e, 0, globalLast, globalStart), currentRate(e, 1, globalLast, globalStart),
                rates ? n / span : 0, rates ? f / span : 0, rt, current,
                e.startMicros() / 1_000_000.0, last / 1_000_000.0);
    }

    /** OUT-12: the mean per-second count over {@code [max(L-12, S), L-2)}, L/S the global last/start seconds. */
    private static double currentRate(StatsEntry e, int which, double globalLast, double globalStart) {
        if (globalLast == 0) {
            return 0;
        }
        long last = (long) Math.floor(globalLast);
        long from = Math.max(last - 12, (long) Math.floor(globalStart));
        long to = last - 2;
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        for (long s = from; s < to; s++) {
            sum += e.perSecond.get(s, which);
        }
        return (double) sum / (to - from);
    }

    private List<StatsError> errorList() {
        List<ErrorEntry> list = new ArrayList<>(errors.values());
        list.sort(Comparator.comparingLong(e -> e.sequence));
        List<StatsError> out = new ArrayList<>(list.size());
        for (ErrorEntry e : list) {
            long n = e.occurrences.sum();
            if (n > 0) {
                long first = e.firstSeen.get();
                long last = e.lastSeen.get();
                out.add(new StatsError(e.key.method(), e.key.name(), e.key.error(), n,
                        first == Long.MAX_VALUE ? 0 : first / 1_000_000.0,
                        last == Long.MIN_VALUE ? 0 : last / 1_000_000.0));
            }
        }
        return List.copyOf(out);
    }

    private List<StatsExceptionEntry> exceptionList() {
        List<ExceptionEntry> list = new ArrayList<>(exceptions.values());
        list.sort(Comparator.comparingLong(e -> e.sequence));
        List<StatsExceptionEntry> out = new ArrayList<>(list.size());
        for (ExceptionEntry e : list) {
            out.add(new StatsExceptionEntry(e.count.sum(), e.message, e.traceback,
                    Set.copyOf(new TreeSet<>(e.nodes))));
        }
        return List.copyOf(out);
    }

    /** Resets every entry, the errors and the history; the exceptions are kept (Locust's reset_all, RUN-17). */
    @Override
    public void reset() {
        long now = clock.epochMicros();
        forEachEntry(e -> e.reset(now));
        total.reset(now);
        errors.clear();
        synchronized (history) {
            history.clear();
        }
    }

    /**
     * Removes every entry and zeroes the Aggregated row, the errors and the history; the exceptions are kept
     * (Locust's {@code clear_all}, done when a test starts from ready or stopped, so names of an earlier run vanish).
     */
    public void clearAll() {
        long now = clock.epochMicros();
        entries.clear();
        histogramEntries.set(0);
        names.rearm();
        total.reset(now);
        errors.clear();
        synchronized (history) {
            history.clear();
        }
    }

    @Override
    public void clearExceptions() {
        exceptions.clear();
    }

    @Override
    public List<HistoryPoint> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * How many (method, name) entries get a high-resolution histogram (default
     * {@value #DEFAULT_HISTOGRAM_ENTRY_LIMIT}); later entries have Locust's buckets only. Set it before recording.
     */
    public void histogramEntryLimit(int limit) {
        this.histogramEntryLimit = limit;
    }

    /**
     * How many distinct request names are kept before a warning (default {@value #DEFAULT_MAX_NAMES}): past it, one
     * warning names the shape most new names share and suggests {@code name(...)}; past 10 times it, requests to
     * further new names are counted under {@value #OTHER} of their method.
     *
     * @throws IllegalArgumentException when {@code max < 1}
     */
    public void maxNames(int max) {
        names.maxNames(max);
    }

    /** The number of distinct request names kept. */
    public int nameCount() {
        return entries.size();
    }

    /**
     * The high-resolution histogram (microseconds, 3 significant digits) of one entry, if the entry exists and is
     * among the first {@link #histogramEntryLimit} entries.
     */
    public Optional<Histogram> histogram(String method, String name) {
        ConcurrentHashMap<String, StatsEntry> byMethod = entries.get(name);
        StatsEntry e = byMethod == null ? null : byMethod.get(method);
        return e == null ? Optional.empty() : e.histogram();
    }

    /** The high-resolution histogram (microseconds) of all requests since the start or the last reset. */
    public Histogram totalHistogram() {
        return total.histogram().orElseGet(() -> new Histogram(3));
    }

    // ------------------------------------------------------------------ wire (protocol 7)

    /**
     * Locust's {@code serialize_stats()}: the wire form of every entry with requests or failures, each reset right
     * after it is taken (get_stripped_report).
     */
    public List<Map<String, Object>> serializeStats() {
        return serializeStats(false);
    }

    /**
     * The same list as {@link #serializeStats()} without resetting anything: the content of {@code --json} and
     * {@code --json-file} (OUT-30/31), taken before the final CSV and HTML report are written.
     */
    public List<Map<String, Object>> serializeStatsKeeping() {
        return serializeStats(false, false);
    }

    private List<Map<String, Object>> serializeStats(boolean withHdr) {
        return serializeStats(true, withHdr);
    }

    private List<Map<String, Object>> serializeStats(boolean reset, boolean withHdr) {
        long now = clock.epochMicros();
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatsEntry e : sortedEntries()) {
            if (e.requests() != 0 || e.failures() != 0) {
                out.add(e.serialize(reset, now, withHdr));
            }
        }
        return out;
    }

    /** The Aggregated entry's wire form, reset after it is taken ({@code stats_total}). */
    public Map<String, Object> serializeTotal() {
        return total.serialize(true, clock.epochMicros(), false);
    }

    /**
     * The errors in wire form keyed like Locust (protocol 7.2), then zeroed (a worker's errors are deltas):
     * {@code {sha256 key: {name, method, error, occurrences, first_seen, last_seen}}}.
     */
    public Map<String, Object> serializeErrors() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<ErrorEntry> list = new ArrayList<>(errors.values());
        list.sort(Comparator.comparingLong(e -> e.sequence));
        for (ErrorEntry e : list) {
            long n = e.occurrences.sumThenReset();
            long first = e.firstSeen.getThenReset();
            long last = e.lastSeen.getThenReset();
            if (n == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.key.name());
            m.put("method", e.key.method());
            m.put("error", e.key.error());
            m.put("occurrences", n);
            m.put("first_seen", first == Long.MAX_VALUE ? null : first / 1_000_000.0);
            m.put("last_seen", last == Long.MIN_VALUE ? null : last / 1_000_000.0);
            out.put(ErrorTexts.errorKey(e.key.method(), e.key.name(), e.key.error()), m);
        }
        return out;
    }

    /**
     * A worker's stats report (protocol 7.4): a mutable map with {@code stats}, {@code stats_total} and
     * {@code errors}, all deltas since the previous report (the local counters are reset). The runner adds
     * {@code user_count} and {@code user_classes_count}. Entries that keep a high-resolution histogram also carry
     * its delta under the extra key {@code hdr_us} ({microseconds: count}), which a Java master merges for exact
     * fleet-wide histograms and a Python master ignores.
     */
    public Map<String, Object> workerReport() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stats", serializeStats(true));
        data.put("stats_total", total.serialize(true, clock.epochMicros(), true));
        data.put("errors", serializeErrors());
        return data;
    }

    /**
     * Merges a worker's report (protocol 7.5) into these stats: entries by (name, method), {@code stats_total}
     * into the Aggregated row, errors by (method, name, error). Untrusted input: an entry or error with a missing
     * required or ill-typed key is skipped whole and described in the result; nothing is thrown.
     */
    public WireMergeResult mergeWorkerReport(Map<?, ?> data) {
        List<String> problems = new ArrayList<>();
        int merged = 0;
        int mergedErrors = 0;
        double now = clock.epochSeconds();
        Object stats = data.get("stats");
        if (stats instanceof List<?> list && list instanceof PreDecodedEntries pre) {
            // entries a streaming decoder already read (same rules); an element a listener touched is read again
            for (int i = 0, n = list.size(); i < n; i++) {
                Optional<WireEntry> p = pre.preDecoded(i);
                merged += mergeEntry(p.isPresent() ? p.get() : list.get(i), now, problems);
            }
        } else if (stats instanceof List<?> list) {
            for (Object raw : list) {
                merged += mergeEntry(raw, now, problems);
            }
        } else if (stats != null) {
            problems.add("'stats' should be a list, got " + WireCodec.typeOf(stats));
        }
        Object totalRaw = data.get("stats_total");
        if (totalRaw != null) {
            try {
                Optional<WireEntry> pre = totalRaw instanceof PreDecodedEntry p ? p.preDecoded() : Optional.empty();
                total.merge(pre.isPresent() ? pre.get().delta(now) : WireCodec.entry(totalRaw, now));
                merged++;
            } catch (WireFormatException e) {
                problems.add("stats_total skipped: " + e.getMessage());
            }
        }
        Object errs = data.get("errors");
        if (errs instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> kv : map.entrySet()) {
                try {
                    WireCodec.ErrorDelta d = WireCodec.error(kv.getValue());
                    ErrorEntry e = errorEntry(new ErrorKey(d.method(), errorName(d.name()), d.error()));
                    e.occurrences.add(d.occurrences());
                    if (!Double.isNaN(d.firstSeen())) {
                        e.firstSeen.accumulate(StatsEntry.toMicros(d.firstSeen() * 1000.0));
                    }
                    if (!Double.isNaN(d.lastSeen())) {
                        e.lastSeen.accumulate(StatsEntry.toMicros(d.lastSeen() * 1000.0));
                    }
                    mergedErrors++;
                } catch (WireFormatException e) {
                    problems.add("error " + kv.getKey() + " skipped: " + e.getMessage());
                }
            }
        } else if (errs != null) {
            problems.add("'errors' should be a map, got " + WireCodec.typeOf(errs));
        }
        return new WireMergeResult(merged, mergedErrors, problems);
    }

    /** Merges one entry (a {@link WireEntry} or a decoded map): 1, or 0 and a problem line when it is malformed. */
    private int mergeEntry(Object raw, double now, List<String> problems) {
        try {
            WireCodec.EntryDelta d = raw instanceof WireEntry w ? w.delta(now) : WireCodec.entry(raw, now);
            entry(d.method(), d.name(), clock.epochMicros()).merge(d);
            return 1;
        } catch (WireFormatException e) {
            problems.add("stats entry skipped: " + e.getMessage());
            return 0;
        }
    }
}
