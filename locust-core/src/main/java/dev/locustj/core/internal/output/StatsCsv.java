package dev.locustj.core.internal.output;

import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.stats.Buckets;
import dev.locustj.core.internal.stats.ErrorTexts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static dev.locustj.core.internal.output.PyFormat.PERCENTILES_TO_REPORT;

/**
 * Locust's CSV formats (OUT-20..23), as Python's csv module writes them: CRLF line endings, minimal quoting,
 * Python number reprs. Used by {@link CsvStatsWriter} and by the web UI's CSV downloads (OUT-24).
 */
public final class StatsCsv {

    /** CRLF, Python csv's default line terminator. */
    public static final String EOL = "\r\n";

    /** OUT-20 header. */
    public static final List<String> REQUESTS_HEADER = concat(List.of("Type", "Name", "Request Count",
            "Failure Count", "Median Response Time", "Average Response Time", "Min Response Time",
            "Max Response Time", "Average Content Size", "Requests/s", "Failures/s"), percentileLabels(),
            List.of());

    /** OUT-21 header. */
    public static final List<String> HISTORY_HEADER = concat(List.of("Timestamp", "User Count", "Type", "Name",
            "Requests/s", "Failures/s"), percentileLabels(), List.of("Total Request Count", "Total Failure Count",
            "Total Median Response Time", "Total Average Response Time", "Total Min Response Time",
            "Total Max Response Time", "Total Average Content Size"));

    /** OUT-22 header (newest: with first and last seen). */
    public static final List<String> FAILURES_HEADER =
            List.of("Method", "Name", "Error", "Occurrences", "First Seen", "Last Seen");

    /** OUT-23 header. */
    public static final List<String> EXCEPTIONS_HEADER = List.of("Count", "Message", "Traceback", "Nodes");

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatsCsv() {
    }

    private static List<String> percentileLabels() {
        return PERCENTILES_TO_REPORT.stream().map(PyFormat::percentLabel).toList();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return List.copyOf(out);
    }

    /** One CSV line with its CRLF, quoting fields that hold a comma, a quote, CR or LF (QUOTE_MINIMAL). */
    public static String line(List<?> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = String.valueOf(fields.get(i));
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        if (fields.size() == 1 && String.valueOf(fields.get(0)).isEmpty()) {
            b.append("\"\"");
        }
        return b.append(EOL).toString();
    }

    /** The whole {@code _stats.csv} (OUT-20). */
    public static String requests(StatsSnapshot s) {
        return line(REQUESTS_HEADER) + requestRows(s);
    }

    /** The data rows of {@code _stats.csv}: entries sorted by (name, method), then Aggregated. */
    public static String requestRows(StatsSnapshot s) {
        StringBuilder b = new StringBuilder();
        for (StatsEntrySnapshot e : all(s, true)) {
            List<Object> f = new ArrayList<>(List.of(e.method(), e.name(), e.numRequests(), e.numFailures(),
                    medianText(e), PyFormat.pyFloat(e.avgResponseTime()),
                    PyFormat.pyNumber(e.minResponseTime()), PyFormat.pyNumber(e.maxResponseTime()),
                    avgContentSize(e), PyFormat.pyFloat(e.totalRps()), PyFormat.pyFloat(e.totalFailPerSec())));
            addPercentiles(f, e, false);
            b.append(line(f));
        }
        return b.toString();
    }

    private static List<StatsEntrySnapshot> all(StatsSnapshot s, boolean entries) {
        List<StatsEntrySnapshot> list = new ArrayList<>(entries ? s.entries() : List.of());
        list.add(s.total());
        return list;
    }

    /** Locust's median_response_time as Python prints it: the clamp to the raw min/max keeps a float. */
    static String medianText(StatsEntrySnapshot e) {
        var rt = e.responseTimes();
        if (rt.buckets().isEmpty()) {
            return "0";
        }
        long m = Buckets.median(rt.buckets(), rt.count());
        if (m > e.maxResponseTime()) {
            return PyFormat.pyNumber(e.maxResponseTime());
        } else if (m < e.minResponseTime()) {
            return PyFormat.pyNumber(e.minResponseTime());
        }
        return Long.toString(m);
    }

    private static String avgContentSize(StatsEntrySnapshot e) {
        return e.numRequests() == 0 ? "0" : PyFormat.pyFloat(e.avgContentLength());
    }

    private static void addPercentiles(List<Object> f, StatsEntrySnapshot e, boolean current) {
        for (double p : PERCENTILES_TO_REPORT) {
            if (e.numRequests() == 0) {
                f.add("N/A");
            } else {
                f.add(current ? e.currentResponseTimes().percentile(p) : e.percentile(p));
            }
        }
    }

    /** The {@code _stats_history.csv} header line. */
    public static String historyHeader() {
        return line(HISTORY_HEADER);
    }

    /**
     * The rows appended to {@code _stats_history.csv} at {@code timestamp} (OUT-21): the Aggregated row, or with
     * {@code fullHistory} every entry (current percentiles) and then Aggregated.
     */
    public static String historyRows(StatsSnapshot s, boolean fullHistory, long timestamp) {
        StringBuilder b = new StringBuilder();
        for (StatsEntrySnapshot e : all(s, fullHistory)) {
            List<Object> f = new ArrayList<>(List.of(timestamp, s.userCount(), e.method(), e.name(),
                    PyFormat.fixed(e.currentRps(), 6), PyFormat.fixed(e.currentFailPerSec(), 6)));
            addPercentiles(f, e, fullHistory);
            f.addAll(List.of(e.numRequests(), e.numFailures(), medianText(e),
                    PyFormat.pyFloat(e.avgResponseTime()), PyFormat.pyNumber(e.minResponseTime()),
                    PyFormat.pyNumber(e.maxResponseTime()), avgContentSize(e)));
            b.append(line(f));
        }
        return b.toString();
    }

    /** The whole {@code _failures.csv} (OUT-22), rows sorted by Locust's error key as Python sorts them. */
    public static String failures(StatsSnapshot s) {
        StringBuilder b = new StringBuilder(line(FAILURES_HEADER));
        List<StatsError> errors = new ArrayList<>(s.errors());
        errors.sort(Comparator.comparing(e -> ErrorTexts.errorKey(e.method(), e.name(), e.error())));
        for (StatsError e : errors) {
            b.append(line(List.of(e.method(), e.name(), e.error(), e.occurrences(), utc(e.firstSeen()),
                    utc(e.lastSeen()))));
        }
        return b.toString();
    }

    private static String utc(double epochSeconds) {
        return epochSeconds == 0 ? "" : UTC.format(Instant.ofEpochSecond((long) epochSeconds));
    }

    /** The whole {@code _exceptions.csv} (OUT-23). */
    public static String exceptions(StatsSnapshot s) {
        StringBuilder b = new StringBuilder(line(EXCEPTIONS_HEADER));
        for (StatsExceptionEntry e : s.exceptions()) {
            b.append(line(List.of(e.count(), e.message(), e.traceback(), String.join(", ", new TreeSet<>(e.nodes())))));
        }
        return b.toString();
    }
}
