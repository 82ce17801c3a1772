package dev.locustj.web;

import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.web.internal.Report;
import dev.locustj.web.internal.TaskRatios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --html} report (OUT-40..47): one self-contained HTML file (inline CSS, uPlot and data; no network
 * needed to view it) with the request statistics, response time percentiles, failures, exceptions, charts from the
 * stats history and the task ratio. The title names {@code env.options().get("locustfile")}.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * The report of the environment's current stats; the final ratio comes from the users running when the test
     * began to stop (or from those running now, while it runs).
     */
    public static String render(Environment env) {
        Map<String, Integer> users = env.runner()
                .map(r -> TaskRatios.reportCounts(r, r.userClassesCount())).orElse(Map.of());
        return Report.render(env, env.stats().snapshot(), env.options().getOrDefault("locustfile", "locustfile"),
                users, false, "", false);
    }

    /** Writes the report to {@code file} (UTF-8), creating parent directories. */
    public static void write(Environment env, Path file) {
        String html = render(env);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocustException("cannot write the HTML report " + file + ": " + e.getMessage(), e);
        }
    }
}
