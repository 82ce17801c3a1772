package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Interim {@code --csv} writer (OUT-20..23): rewrites PREFIX_stats.csv, _failures.csv and _exceptions.csv and
 * appends an Aggregated row (or every row with --csv-full-history) to _stats_history.csv once a second. Replaced
 * by the stats module's writer when it lands.
 */
final class CsvFiles implements CsvOutput {

    private static final Logger LOG = LoggerFactory.getLogger("locust.stats");
    private static final String NL = "\r\n";
    private static final String PCT_HEADER = "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

    private final String prefix;
    private final boolean fullHistory;
    private final Environment env;
    private final Object lock = new Object();
    private Writer history;
    private Thread loop;
    private boolean closed;

    CsvFiles(String prefix, boolean fullHistory, Environment env) {
        this.prefix = prefix;
        this.fullHistory = fullHistory;
        this.env = env;
    }

    @Override
    public void start() {
        try {
            Path dir = Path.of(prefix + "_stats.csv").toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            history = Files.newBufferedWriter(Path.of(prefix + "_stats_history.csv"), StandardCharsets.UTF_8);
            history.write("Timestamp,User Count,Type,Name,Requests/s,Failures/s," + PCT_HEADER
                    + ",Total Request Count,Total Failure Count,Total Median Response Time,"
                    + "Total Average Response Time,Total Min Response Time,Total Max Response Time,"
                    + "Total Average Content Size" + NL);
            history.flush();
            writeSnapshotFiles(env.stats().snapshot());
        } catch (IOException e) {
            throw new ExitException(1, "Could not write CSV files with prefix '" + prefix + "': " + e.getMessage());
        }
        loop = Thread.ofVirtual().name("locust-csv").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(Duration.ofSeconds(1));
                    write(false);
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    private void write(boolean last) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                StatsSnapshot s = env.stats().snapshot();
                writeSnapshotFiles(s);
                appendHistory(s);
                if (last) {
                    closed = true;
                    history.close();
                }
            } catch (IOException e) {
                LOG.error("Could not write CSV files: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.interrupt();
        }
        if (history != null) {
            write(true);
        }
    }

    private void writeSnapshotFiles(StatsSnapshot s) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
                + "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s," + PCT_HEADER);
        for (StatsEntrySnapshot e : s.entries()) {
            rows.add(statsRow(e));
        }
        rows.add(statsRow(s.total()));
        replace(prefix + "_stats.csv", rows);

        List<String> failures = new ArrayList<>();
        failures.add("Method,Name,Error,Occurrences");
        for (StatsError e : s.errors()) {
            failures.add(String.join(",", quote(e.method()), quote(e.name()), quote(e.error()),
                    Long.toString(e.occurrences())));
        }
        replace(prefix + "_failures.csv", failures);

        List<String> exceptions = new ArrayList<>();
        exceptions.add("Count,Message,Traceback,Nodes");
        for (StatsExceptionEntry e : s.exceptions()) {
            exceptions.add(String.join(",", Long.toString(e.count()), quote(e.message()), quote(e.traceback()),
                    quote(String.join(", ", e.nodes()))));
        }
        replace(prefix + "_exceptions.csv", exceptions);
    }

    private void appendHistory(StatsSnapshot s) throws IOException {
        long ts = (long) s.timestamp();
        List<StatsEntrySnapshot> rows = new ArrayList<>();
        if (fullHistory) {
            rows.addAll(s.entries());
        }
        rows.add(s.total());
        StatsEntrySnapshot t = s.total();
        for (StatsEntrySnapshot e : rows) {
            StringBuilder b = new StringBuilder();
            b.append(ts).append(',').append(s.userCount()).append(',').append(quote(e.method())).append(',')
                    .append(quote(e.name())).append(',')
                    .append(String.format(Locale.ROOT, "%f,%f", e.currentRps(), e.currentFailPerSec()));
            for (double p : StatsOutputs.PERCENTILES) {
                b.append(',').append(e.numRequests() == 0 ? "N/A" : Long.toString(e.percentile(p)));
            }
            b.append(',').append(t.numRequests()).append(',').append(t.numFailures()).append(',')
                    .append(t.medianResponseTime()).append(',').append(num(t.avgResponseTime())).append(',')
                    .append(num(t.minResponseTime())).append(',').append(num(t.maxResponseTime())).append(',')
                    .append(num(t.avgContentLength()));
            history.write(b + NL);
        }
        history.flush();
    }

    private static String statsRow(StatsEntrySnapshot e) {
        StringBuilder b = new StringBuilder();
        b.append(quote(e.method())).append(',').append(quote(e.name())).append(',').append(e.numRequests())
                .append(',').append(e.numFailures()).append(',').append(e.medianResponseTime()).append(',')
                .append(num(e.avgResponseTime())).append(',').append(num(e.minResponseTime())).append(',')
                .append(num(e.maxResponseTime())).append(',').append(num(e.avgContentLength())).append(',')
                .append(num(e.totalRps())).append(',').append(num(e.totalFailPerSec()));
        for (double p : StatsOutputs.PERCENTILES) {
            b.append(',').append(e.numRequests() == 0 ? "N/A" : Long.toString(e.percentile(p)));
        }
        return b.toString();
    }

    private static String num(double d) {
        return Double.toString(d);
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static void replace(String file, List<String> rows) throws IOException {
        Path p = Path.of(file);
        Path tmp = Path.of(file + ".tmp");
        Files.writeString(tmp, String.join(NL, rows) + NL, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
