package dev.locustj.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.User;
import dev.locustj.core.internal.UserClasses;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The self-contained HTML report (OUT-40..47, WEB-11): one file with inline CSS, uPlot and the data, readable with
 * no network.
 */
public final class Report {

    static final double[] PERCENTILES = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0};
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {
    }

    /**
     * Renders the report.
     *
     * @param env              the environment (host, classes, history)
     * @param s                the stats to show
     * @param locustfile       the script name for the title
     * @param usersPerClass    users per class for the final ratio; all zero: the class weights are used
     * @param showDownloadLink whether to show the "Download the Report" link (the web route without download)
     * @param basePath         the web base path for that link
     * @param dark             the dark theme (newest Locust's {@code ?theme=dark})
     */
    public static String render(Environment env, StatsSnapshot s, String locustfile,
                                Map<String, Integer> usersPerClass, boolean showDownloadLink, String basePath,
                                boolean dark) {
        StringBuilder b = new StringBuilder(64 * 1024);
        double start = s.total().startTime();
        double end = s.total().lastRequestTimestamp() > 0 ? s.total().lastRequestTimestamp() : start;
        String host = env.host().or(() -> commonHost(env)).orElse("None");
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Test Report for ").append(Html.escape(locustfile)).append("</title>\n")
                .append("<style>\n").append(Assets.text("uplot.min.css")).append("\n")
                .append(Assets.text("report.css")).append("\n</style>\n</head>\n")
                .append(dark ? "<body class=\"dark\">\n" : "<body>\n")
                .append("<header class=\"report-head\"><div class=\"brand\"><span class=\"logo\">&#9679;</span> ")
                .append("Locust for Java</div><h1>Test Report for ").append(Html.escape(locustfile))
                .append("</h1></header>\n<main>\n<section class=\"info\">\n<dl>")
                .append("<div><dt>During</dt><dd>").append(time(start)).append(" - ").append(time(end))
                .append(" (").append(duration(end - start)).append(")</dd></div>")
                .append("<div><dt>Target Host</dt><dd>").append(Html.escape(host)).append("</dd></div>")
                .append("<div><dt>Script</dt><dd>").append(Html.escape(locustfile)).append("</dd></div>");
        env.option("profile").filter(p -> !p.isBlank()) // --profile (CLI-55): the run's label
                .ifPresent(p -> b.append("<div><dt>Profile</dt><dd>").append(Html.escape(p)).append("</dd></div>"));
        b.append("</dl>\n");
        if (showDownloadLink) {
            b.append("<p><a class=\"button\" href=\"").append(Html.escape(basePath))
                    .append("/stats/report?download=1").append(dark ? "&amp;theme=dark" : "")
                    .append("\">Download the Report</a></p>\n");
        }
        b.append("</section>\n");

        List<StatsEntrySnapshot> rows = new ArrayList<>(s.entries());
        rows.add(s.total());
        b.append("<section><h2>Request Statistics</h2><div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th>Method</th><th>Name</th><th># Requests</th><th># Fails</th><th>Average (ms)</th>")
                .append("<th>Min (ms)</th><th>Max (ms)</th><th>Average size (bytes)</th><th>RPS</th>")
                .append("<th>Failures/s</th></tr></thead>\n<tbody>\n");
        for (StatsEntrySnapshot e : rows) {
            b.append(e.isTotal() ? "<tr class=\"total\">" : "<tr>")
                    .append(td(e.method())).append(td(e.name()))
                    .append(num(Long.toString(e.numRequests()))).append(num(Long.toString(e.numFailures())))
                    .append(num(Long.toString(Math.round(e.avgResponseTime()))))
                    .append(num(Long.toString(Math.round(e.minResponseTime()))))
                    .append(num(Long.toString(Math.round(e.maxResponseTime()))))
                    .append(num(Long.toString(Math.round(e.avgContentLength()))))
                    .append(num(String.format(Locale.ROOT, "%.1f", e.totalRps())))
                    .append(num(String.format(Locale.ROOT, "%.1f", e.totalFailPerSec()))).append("</tr>\n");
        }
        b.append("</tbody></table></div></section>\n");

        b.append("<section><h2>Response Time Statistics</h2><div class=\"scroll\"><table>\n<thead><tr>")
                .append("<th>Method</th><th>Name</th>");
        for (double p : PERCENTILES) {
            b.append("<th>").append(pct(p)).append("%ile (ms)</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (StatsEntrySnapshot e : rows) {
            b.append(e.isTotal() ? "<tr class=\"total\">" : "<tr>").append(td(e.method())).append(td(e.name()));
            for (double p : PERCENTILES) {
                b.append(num(Long.toString(e.percentile(p))));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div></section>\n");

        if (!s.errors().isEmpty()) {
            b.append("<section><h2>Failures Statistics</h2><div class=\"scroll\"><table>\n<thead><tr>")
                    .append("<th>Method</th><th>Name</th><th>Error</th><th>Occurrences</th><th>First Seen</th>")
                    .append("<th>Last Seen</th></tr></thead>\n<tbody>\n");
            for (StatsError e : s.errors()) {
                b.append("<tr>").append(td(e.method())).append(td(e.name()))
                        .append("<td class=\"error\">").append(Html.escape(e.error())).append("</td>")
                        .append(num(Long.toString(e.occurrences()))).append(td(time(e.firstSeen())))
                        .append(td(time(e.lastSeen()))).append("</tr>\n");
            }
            b.append("</tbody></table></div></section>\n");
        }
        if (!s.exceptions().isEmpty()) {
            b.append("<section><h2>Exceptions Statistics</h2><div class=\"scroll\"><table>\n<thead><tr>")
                    .append("<th>Count</th><th>Message</th><th>Traceback</th><th>Nodes</th></tr></thead>\n")
                    .append("<tbody>\n");
            for (StatsExceptionEntry x : s.exceptions()) {
                b.append("<tr>").append(num(Long.toString(x.count()))).append(td(x.message()))
                        .append("<td><pre>").append(Html.escape(x.traceback())).append("</pre></td>")
                        .append(td(String.join(", ", x.nodes()))).append("</tr>\n");
            }
            b.append("</tbody></table></div></section>\n");
        }

        b.append("<section><h2>Charts</h2><div id=\"charts\" class=\"charts\"></div></section>\n");
        Map<String, Integer> counts = usersPerClass;
        if (counts.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            counts = weights(env);
        }
        b.append("<section><h2>Final ratio</h2><div class=\"ratios\">")
                .append("<div><h3>Ratio per User class</h3>")
                .append(tree(TaskRatios.ratio(env, counts, false))).append("</div>")
                .append("<div><h3>Total ratio</h3>").append(tree(TaskRatios.ratio(env, counts, true)))
                .append("</div></div></section>\n</main>\n");

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("history", StatsJson.history(env.stats().history()));
        b.append("<script>").append(Assets.text("uplot.iife.min.js")).append("</script>\n")
                .append("<script>").append(Assets.text("charts.js")).append("</script>\n")
                .append("<script>window.reportData = ").append(json(data)).append(";\n")
                .append("LocustCharts.renderReport(document.getElementById('charts'), window.reportData.history);")
                .append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static Map<String, Integer> weights(Environment env) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Class<? extends User> c : env.userClasses()) {
            m.put(UserClasses.name(c), env.userClassSettings(UserClasses.name(c)).weight().orElse(1));
        }
        return m;
    }

    /** The host shared by every user class ({@link dev.locustj.core.Host}), if they all name the same one. */
    static Optional<String> commonHost(Environment env) {
        Optional<String> host = Optional.empty();
        for (Class<? extends User> c : env.userClasses()) {
            Optional<String> h = env.userClassSettings(UserClasses.name(c)).host();
            if (h.isEmpty() || (host.isPresent() && !host.equals(h))) {
                return Optional.empty();
            }
            host = h;
        }
        return host;
    }

    @SuppressWarnings("unchecked")
    private static String tree(Map<String, Object> nodes) {
        if (nodes.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"tree\">");
        for (Map.Entry<String, Object> e : nodes.entrySet()) {
            Map<String, Object> node = (Map<String, Object>) e.getValue();
            double ratio = ((Number) node.get("ratio")).doubleValue();
            b.append("<li><span class=\"ratio\">").append(String.format(Locale.ROOT, "%.1f%%", ratio * 100))
                    .append("</span> ").append(Html.escape(e.getKey()));
            Object children = node.get("tasks");
            if (children instanceof Map<?, ?> m && !m.isEmpty()) {
                b.append(tree((Map<String, Object>) m));
            }
            b.append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private static String json(Object o) {
        try {
            return Html.scriptSafe(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new LocustException("cannot serialize report data: " + e.getMessage(), e);
        }
    }

    private static String td(String s) {
        return "<td>" + Html.escape(s) + "</td>";
    }

    private static String num(String s) {
        return "<td class=\"num\">" + s + "</td>";
    }

    static String pct(double p) {
        double v = p * 100;
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String time(double epochSeconds) {
        return UTC.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)));
    }

    /** Newest Locust's duration text: "1 minute and 5 seconds". */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        List<String> parts = new ArrayList<>();
        if (h > 0) {
            parts.add(h + (h == 1 ? " hour" : " hours"));
        }
        if (m > 0) {
            parts.add(m + (m == 1 ? " minute" : " minutes"));
        }
        if (sec > 0 || parts.isEmpty()) {
            parts.add(sec + (sec == 1 ? " second" : " seconds"));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
