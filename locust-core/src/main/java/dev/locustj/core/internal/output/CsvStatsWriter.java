package dev.locustj.core.internal.output;

import dev.locustj.core.LocustException;
import dev.locustj.core.Stats;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.InternalThreads;
import dev.locustj.core.internal.stats.StatsClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --csv PREFIX} (CLI-38, OUT-20..23): creates {@code PREFIX_stats.csv}, {@code PREFIX_stats_history.csv},
 * {@code PREFIX_failures.csv} and {@code PREFIX_exceptions.csv} (and missing directories), then every second from
 * a background thread rewrites the first, third and fourth and appends to the history, flushing it at least every
 * 5 s. {@link #close()} writes everything a final time.
 */
public final class CsvStatsWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CsvStatsWriter.class);
    private static final long FLUSH_INTERVAL_MICROS = 5_000_000;

    private final Stats stats;
    private final boolean fullHistory;
    private final StatsClock clock;
    private final Path statsFile;
    private final Path historyFile;
    private final Path failuresFile;
    private final Path exceptionsFile;
    private final BufferedWriter history; // guarded by this
    private long lastFlush; // guarded by this
    private boolean closed; // guarded by this
    private boolean warned; // guarded by this
    private ScheduledExecutorService timer; // guarded by this

    /** Thrown when the CSV files can't be created. */
    public static final class CsvException extends LocustException {
        private static final long serialVersionUID = 1L;

        CsvException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Creates the four files with their headers (nothing runs until {@link #start()}), on the system clock. */
    public CsvStatsWriter(String prefix, boolean fullHistory, Stats stats) {
        this(prefix, fullHistory, stats, StatsClock.system());
    }

    /** Creates the four files with their headers, reading history timestamps from {@code clock}. */
    public CsvStatsWriter(String prefix, boolean fullHistory, Stats stats, StatsClock clock) {
        this.stats = stats;
        this.fullHistory = fullHistory;
        this.clock = clock;
        this.statsFile = Path.of(prefix + "_stats.csv");
        this.historyFile = Path.of(prefix + "_stats_history.csv");
        this.failuresFile = Path.of(prefix + "_failures.csv");
        this.exceptionsFile = Path.of(prefix + "_exceptions.csv");
        try {
            Path parent = statsFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            write(statsFile, StatsCsv.line(StatsCsv.REQUESTS_HEADER));
            write(failuresFile, StatsCsv.line(StatsCsv.FAILURES_HEADER));
            write(exceptionsFile, StatsCsv.line(StatsCsv.EXCEPTIONS_HEADER));
            history = Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8);
            history.write(StatsCsv.historyHeader());
            history.flush();
        } catch (IOException | RuntimeException e) {
            throw new CsvException("Cannot write the CSV files " + prefix + "_*.csv: " + e.getMessage(), e);
        }
        this.lastFlush = clock.epochMicros();
    }

    /** Creates the files and starts the 1-second writer. */
    public static CsvStatsWriter start(String prefix, boolean fullHistory, Stats stats) {
        CsvStatsWriter w = new CsvStatsWriter(prefix, fullHistory, stats);
        w.start();
        return w;
    }

    /** Starts the background writes, once a second; idempotent. */
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(InternalThreads.factory("locust-csv-writer"));
        timer.scheduleAtFixedRate(InternalThreads.guarded("locust-csv-writer", this::safeWrite), 1, 1,
                TimeUnit.SECONDS);
    }

    private void safeWrite() {
        try {
            writeOnce();
        } catch (RuntimeException e) {
            LOG.debug("CSV write failed", e);
        }
    }

    /** One round: rewrites the stats, failures and exceptions files and appends the history rows. */
    public synchronized void writeOnce() {
        if (closed) {
            return;
        }
        writeAll(stats.snapshot(), false);
    }

    private void writeAll(StatsSnapshot s, boolean forceFlush) {
        long now = clock.epochMicros();
        try {
            write(statsFile, StatsCsv.requests(s));
            write(failuresFile, StatsCsv.failures(s));
            write(exceptionsFile, StatsCsv.exceptions(s));
            history.write(StatsCsv.historyRows(s, fullHistory, Math.floorDiv(now, 1_000_000L)));
            if (forceFlush || now - lastFlush >= FLUSH_INTERVAL_MICROS) {
                history.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("Cannot write the CSV files: {}", e.getMessage());
            }
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Stops the background writes, writes every file a final time and closes them; idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
            timer = null;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            writeAll(stats.snapshot(), true);
            closed = true;
            try {
                history.close();
            } catch (IOException e) {
                LOG.warn("Cannot close {}: {}", historyFile, e.getMessage());
            }
        }
    }
}
