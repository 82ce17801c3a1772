package dev.locustj.core.internal.output;

import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.stats.ErrorTexts;

import java.util.ArrayList;
import java.util.List;

import static dev.locustj.core.internal.output.PyFormat.PERCENTILES_TO_REPORT;
import static dev.locustj.core.internal.output.PyFormat.fixed;
import static dev.locustj.core.internal.output.PyFormat.intOf;
import static dev.locustj.core.internal.output.PyFormat.ljust;
import static dev.locustj.core.internal.output.PyFormat.rjust;

/**
 * Locust's console tables (OUT-01..08): the stats table (current or whole-run rates), the response time
 * percentiles and the error report, for a name-column width W ({@code STATS_NAME_WIDTH}).
 */
public final class ConsoleStatsFormatter {

    /** The type column width ({@code STATS_TYPE_WIDTH}). */
    public static final int TYPE_WIDTH = 8;
    /** W when the output is not a terminal. */
    public static final int DEFAULT_NAME_WIDTH = 80;

    private final int nameWidth;

    /** A formatter with name-column width {@code nameWidth} (W). */
    public ConsoleStatsFormatter(int nameWidth) {
        this.nameWidth = Math.max(0, nameWidth);
    }

    /** A formatter with W for this process's stdout (80 when it isn't a terminal, OUT-02). */
    public static ConsoleStatsFormatter forConsole() {
        return new ConsoleStatsFormatter(detectNameWidth());
    }

    /** OUT-02: {@code clamp(columns - 80, 0, 80)}. */
    public static int nameWidthForColumns(int columns) {
        return Math.max(Math.min(columns - 80, 80), 0);
    }

    /** W for this process: from {@code $COLUMNS} when stdout is a terminal, else 80. */
    public static int detectNameWidth() {
        if (!stdoutIsTerminal()) {
            return DEFAULT_NAME_WIDTH;
        }
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                return nameWidthForColumns(Integer.parseInt(cols.trim()));
            } catch (NumberFormatException e) {
                return DEFAULT_NAME_WIDTH;
            }
        }
        return DEFAULT_NAME_WIDTH;
    }

    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Console.isTerminal() exists from JDK 22, where System.console() is no longer null when redirected
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    /** The name-column width W. */
    public int nameWidth() {
        return nameWidth;
    }

    /** The periodic table (OUT-01, current rates) followed by Locust's blank line. */
    public List<String> periodic(StatsSnapshot s) {
        List<String> lines = statsTable(s, true);
        lines.add("");
        return lines;
    }

    /** The final summary (OUT-05..07): whole-run table, percentiles, then the error report if any. */
    public List<String> finalSummary(StatsSnapshot s) {
        List<String> lines = statsTable(s, false);
        lines.add("");
        lines.addAll(percentileTable(s));
        lines.add("");
        lines.addAll(errorReport(s));
        return lines;
    }

    /** The stats table (OUT-03/04): current rates ({@code current}) or whole-run rates (OUT-05). */
    public List<String> statsTable(StatsSnapshot s, boolean current) {
        int nameCol = nameWidth - TYPE_WIDTH + 4;
        List<String> lines = new ArrayList<>();
        lines.add(ljust("Type", TYPE_WIDTH) + " " + ljust("Name", Math.abs(nameCol)) + " " + rjust("# reqs", 7)
                + " " + rjust("# fails", 12) + " |" + rjust("Avg", 7) + " " + rjust("Min", 7) + " " + rjust("Max", 7)
                + rjust("Med", 7) + " | " + rjust("req/s", 7) + " " + rjust("failures/s", 11));
        String separator = "-".repeat(TYPE_WIDTH) + "|" + "-".repeat(Math.max(nameCol, 0)) + "|" + "-".repeat(7)
                + "|" + "-".repeat(13) + "|" + "-".repeat(7) + "|" + "-".repeat(7) + "|" + "-".repeat(7) + "|"
                + "-".repeat(7) + "|" + "-".repeat(8) + "|" + "-".repeat(11);
        lines.add(separator);
        for (StatsEntrySnapshot e : s.entries()) {
            lines.add(row(e, current, nameCol));
        }
        lines.add(separator);
        lines.add(row(s.total(), current, nameCol));
        return lines;
    }

    private static String row(StatsEntrySnapshot e, boolean current, int nameCol) {
        double rps = current ? e.currentRps() : e.totalRps();
        double fps = current ? e.currentFailPerSec() : e.totalFailPerSec();
        String method = e.method().isEmpty() ? "" : e.method() + " ";
        String fails = e.numFailures() + "(" + fixed(e.failRatio() * 100, 2) + "%)";
        // Python formats "%-" + str(W - 4) + "s": for W < 4 that is "%--Ns", still left-justified in |W - 4|
        return ljust(method, TYPE_WIDTH) + " " + ljust(e.name(), Math.abs(nameCol)) + " "
                + rjust(Long.toString(e.numRequests()), 7) + " " + rjust(fails, 12) + " |" + intOf(e.avgResponseTime(), 7) + " " + intOf(e.minResponseTime(), 7)
                + " " + intOf(e.maxResponseTime(), 7) + intOf(e.medianResponseTime(), 7) + " | "
                + rjust(fixed(rps, 2), 7) + " " + rjust(fixed(fps, 2), 11);
    }

    /** "Response time percentiles (approximated)" (OUT-06), without the trailing blank line. */
    public List<String> percentileTable(StatsSnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add("Response time percentiles (approximated)");
        StringBuilder header = new StringBuilder(ljust("Type", TYPE_WIDTH)).append(' ')
                .append(ljust("Name", nameWidth)).append(' ');
        for (int i = 0; i < PERCENTILES_TO_REPORT.size(); i++) {
            header.append(rjust(PyFormat.percentLabel(PERCENTILES_TO_REPORT.get(i)), i == 0 ? 8 : 6)).append(' ');
        }
        header.append(rjust("# reqs", 6));
        lines.add(header.toString());
        String groups = ("-".repeat(6) + "|").repeat(PERCENTILES_TO_REPORT.size());
        String separator = "-".repeat(TYPE_WIDTH) + "|" + "-".repeat(nameWidth) + "|" + "-".repeat(8) + "|"
                + groups.substring(0, groups.length() - 1);
        lines.add(separator);
        for (StatsEntrySnapshot e : s.entries()) {
            if (!e.responseTimes().buckets().isEmpty()) {
                lines.add(percentileRow(e));
            }
        }
        lines.add(separator);
        if (!s.total().responseTimes().buckets().isEmpty()) {
            lines.add(percentileRow(s.total()));
        }
        return lines;
    }

    private String percentileRow(StatsEntrySnapshot e) {
        StringBuilder b = new StringBuilder(ljust(e.method(), TYPE_WIDTH)).append(' ')
                .append(ljust(e.name(), nameWidth)).append(' ');
        for (int i = 0; i < PERCENTILES_TO_REPORT.size(); i++) {
            b.append(rjust(Long.toString(e.percentile(PERCENTILES_TO_REPORT.get(i))), i == 0 ? 8 : 6)).append(' ');
        }
        return b.append(rjust(Long.toString(e.numRequests()), 6)).toString();
    }

    /** The "Error report" (OUT-07) with its trailing blank line; empty when there is no failure. */
    public List<String> errorReport(StatsSnapshot s) {
        List<String> lines = new ArrayList<>();
        if (s.errors().isEmpty()) {
            return lines;
        }
        lines.add("Error report");
        lines.add(ljust("# occurrences", 18) + " " + ljust("Error", 100));
        String separator = "-".repeat(18) + "|" + "-".repeat(Math.max(80 + nameWidth - 19, 0));
        lines.add(separator);
        for (StatsError e : s.errors()) {
            lines.add(ljust(Long.toString(e.occurrences()), 18) + " " + ljust(errorName(e), 100));
        }
        lines.add(separator);
        lines.add("");
        return lines;
    }

    /** Locust's {@code StatsError.to_name()}: {@code "<METHOD> <name>: <error>"} (OUT-07). */
    public static String errorName(StatsError e) {
        return e.method() + " " + e.name() + ": " + ErrorTexts.displayError(e.error());
    }
}
