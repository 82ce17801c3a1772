package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.output.ConsoleStatsFormatter;
import dev.locustj.core.internal.output.JsonStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's view of the stats outputs of {@code dev.locustj.core.internal.output}: the console tables
 * (OUT-01..07, name width per OUT-02) and the JSON (OUT-30/31).
 */
public final class StatsOutputs {

    private static final ConsoleStatsFormatter CONSOLE = ConsoleStatsFormatter.forConsole();

    private StatsOutputs() {
    }

    /** The periodic table (current rates) with its trailing blank line. */
    public static List<String> periodic(StatsSnapshot s) {
        return CONSOLE.periodic(s);
    }

    /** The final summary: whole-run table, percentiles, error report. */
    public static List<String> finalSummary(StatsSnapshot s) {
        return CONSOLE.finalSummary(s);
    }

    /**
     * The {@code --json} text (OUT-30): Locust's serialize_stats() with Python's indent=4 layout. Taking it leaves
     * the entries as they are: the final {@code _stats.csv} and the {@code --html} report are written after it.
     */
    public static String json(Environment env) {
        List<java.util.Map<String, Object>> data = env instanceof DefaultEnvironment d
                ? d.requestStats().serializeStatsKeeping() : List.of();
        return JsonStats.toJson(data);
    }

    /** Writes {@code name.json} (OUT-31). */
    public static Path writeJson(String json, String name) throws IOException {
        Path p = Path.of(name + ".json");
        Path dir = p.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }
}
