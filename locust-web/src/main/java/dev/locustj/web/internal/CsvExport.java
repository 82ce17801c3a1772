package dev.locustj.web.internal;

import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV downloads (WEB-06/08/09, OUT-20/22/23/24). The column layout is Locust's; the formatting is delegated to
 * the core's CSV writer once it is merged (this class then only picks the file).
 */
public final class CsvExport {

    static final double[] PERCENTILES = {0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0};
    private static final String CRLF = "\r\n";

    private CsvExport() {
    }

    /** The {@code _stats.csv} text. */
    public static String requests(StatsSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
                + "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
                + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%").append(CRLF);
        List<StatsEntrySnapshot> rows = new ArrayList<>(s.entries());
        rows.add(s.total());
        for (StatsEntrySnapshot e : rows) {
            List<String> f = new ArrayList<>();
            f.add(e.method());
            f.add(e.name());
            f.add(Long.toString(e.numRequests()));
            f.add(Long.toString(e.numFailures()));
            f.add(Long.toString(e.medianResponseTime()));
            f.add(py(e.avgResponseTime()));
            f.add(py(e.minResponseTime()));
            f.add(py(e.maxResponseTime()));
            f.add(py(e.avgContentLength()));
            f.add(py(e.totalRps()));
            f.add(py(e.totalFailPerSec()));
            for (double p : PERCENTILES) {
                f.add(e.numRequests() == 0 ? "N/A" : Long.toString(e.percentile(p)));
            }
            row(b, f);
        }
        return b.toString();
    }

    /** The {@code _failures.csv} text (newest columns). */
    public static String failures(StatsSnapshot s) {
        StringBuilder b = new StringBuilder("Method,Name,Error,Occurrences").append(CRLF);
        for (StatsError e : s.errors()) {
            row(b, List.of(e.method(), e.name(), e.error(), Long.toString(e.occurrences())));
        }
        return b.toString();
    }

    /** The {@code _exceptions.csv} text. */
    public static String exceptions(StatsSnapshot s) {
        StringBuilder b = new StringBuilder("Count,Message,Traceback,Nodes").append(CRLF);
        for (StatsExceptionEntry x : s.exceptions()) {
            row(b, List.of(Long.toString(x.count()), x.message(), x.traceback(), String.join(", ", x.nodes())));
        }
        return b.toString();
    }

    private static String py(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    private static void row(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        b.append(CRLF);
    }
}
