package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.DefaultEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The launcher's view of the stats outputs (OUT-01..07 console tables, OUT-30/31 JSON). INTEGRATION POINT: the
 * formatters of {@code dev.locustj.core.internal.output} (the stats module) replace the interim console code
 * here once they land; callers only use these methods.
 */
public final class StatsOutputs {

    static final double[] PERCENTILES = {0.5, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0};
    private static final int NAME_WIDTH = 80; // OUT-02: 80 when not a TTY

    private StatsOutputs() {
    }

    /** The stats table (OUT-03/04): current rates for the periodic table, whole-run rates for the summary. */
    public static List<String> statsTable(StatsSnapshot s, boolean current) {
        int w = NAME_WIDTH;
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-8s %-" + (w - 4) + "s %7s %12s |%7s %7s %7s%7s | %7s %11s",
                "Type", "Name", "# reqs", "# fails", "Avg", "Min", "Max", "Med", "req/s", "failures/s"));
        String sep = String.join("|", "-".repeat(9), "-".repeat(w - 2), "-".repeat(8), "-".repeat(13),
                "-".repeat(8), "-".repeat(8), "-".repeat(8), "-".repeat(7), "-".repeat(9), "-".repeat(12));
        out.add(sep);
        for (StatsEntrySnapshot e : s.entries()) {
            out.add(row(e, current, w));
        }
        out.add(sep);
        out.add(row(s.total(), current, w));
        out.add("");
        return out;
    }

    private static String row(StatsEntrySnapshot e, boolean current, int w) {
        String fails = String.format(Locale.ROOT, "%d(%.2f%%)", e.numFailures(), e.failRatio() * 100);
        double rps = current ? e.currentRps() : e.totalRps();
        double fps = current ? e.currentFailPerSec() : e.totalFailPerSec();
        String method = e.isTotal() ? "" : e.method() + " ";
        return String.format(Locale.ROOT, "%-8s %-" + (w - 4) + "s %7d %12s | %7d %7d %7d %6d | %7.2f %11.2f",
                trunc(method, 8), trunc(e.name(), w - 4), e.numRequests(), fails, (long) e.avgResponseTime(),
                (long) e.minResponseTime(), (long) e.maxResponseTime(), e.medianResponseTime(), rps, fps);
    }

    /** "Response time percentiles (approximated)" (OUT-06). */
    public static List<String> percentileTable(StatsSnapshot s) {
        int w = NAME_WIDTH;
        List<String> out = new ArrayList<>();
        out.add("Response time percentiles (approximated)");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-8s %-" + w + "s %8s ", "Type", "Name",
                label(PERCENTILES[0])));
        for (int i = 1; i < PERCENTILES.length; i++) {
            h.append(String.format(Locale.ROOT, "%6s ", label(PERCENTILES[i])));
        }
        h.append(String.format(Locale.ROOT, "%6s", "# reqs"));
        out.add(h.toString());
        StringBuilder sep = new StringBuilder("-".repeat(9) + "|" + "-".repeat(w + 1) + "|" + "-".repeat(9));
        for (int i = 1; i <= PERCENTILES.length; i++) {
            sep.append("|").append("-".repeat(7));
        }
        out.add(sep.toString());
        for (StatsEntrySnapshot e : s.entries()) {
            if (e.responseTimes().count() > 0) {
                out.add(percentileRow(e, w));
            }
        }
        out.add(sep.toString());
        if (s.total().responseTimes().count() > 0) {
            out.add(percentileRow(s.total(), w));
        }
        out.add("");
        return out;
    }

    private static String percentileRow(StatsEntrySnapshot e, int w) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s %-" + w + "s %8d ",
                trunc(e.method(), 8), trunc(e.name(), w), e.percentile(PERCENTILES[0])));
        for (int i = 1; i < PERCENTILES.length; i++) {
            b.append(String.format(Locale.ROOT, "%6d ", e.percentile(PERCENTILES[i])));
        }
        b.append(String.format(Locale.ROOT, "%6d", e.numRequests()));
        return b.toString();
    }

    static String label(double p) {
        double pct = p * 100;
        if (pct == Math.rint(pct)) {
            return (long) pct + "%";
        }
        String s = String.format(Locale.ROOT, "%.6f", pct).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /** "Error report" (OUT-07); empty when there are no failures. */
    public static List<String> errorReport(StatsSnapshot s) {
        List<String> out = new ArrayList<>();
        if (s.errors().isEmpty()) {
            return out;
        }
        out.add("Error report");
        out.add(String.format(Locale.ROOT, "%-18s %-100s", "# occurrences", "Error"));
        String sep = "-".repeat(18) + "|" + "-".repeat(80 + NAME_WIDTH - 19);
        out.add(sep);
        for (StatsError e : s.errors()) {
            out.add(String.format(Locale.ROOT, "%-18d %-100s", e.occurrences(),
                    e.method() + " " + e.name() + ": " + e.error()));
        }
        out.add(sep);
        out.add("");
        return out;
    }

    /** The {@code --json} list (OUT-30): Locust's serialize_stats() with Python's indent=4 layout. */
    public static String json(Environment env) {
        List<Map<String, Object>> data = env instanceof DefaultEnvironment d ? d.requestStats().serializeStats()
                : List.of();
        return TaskRatios.pythonJson(data);
    }

    /** Writes {@code name.json} (OUT-31). */
    public static void writeJson(Environment env, String name) throws IOException {
        Path p = Path.of(name + ".json");
        Path dir = p.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(p, json(env), StandardCharsets.UTF_8);
    }

    private static String trunc(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
