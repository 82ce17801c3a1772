package dev.locustj.web.internal;

import dev.locustj.core.Environment;
import dev.locustj.web.WebUiOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The files the dashboard offers: the requests, failures and exceptions CSVs, the full-history CSV that
 * {@code --csv-full-history} writes, the HTML report, and the extra download links custom routes add.
 */
final class Downloads {

    private final UiState ui;
    private final Environment env;
    private final WebUiOptions options;
    private final List<Map<String, String>> extraLinks = new CopyOnWriteArrayList<>();

    Downloads(UiState ui) {
        this.ui = ui;
        this.env = ui.env();
        this.options = ui.options();
    }

    void register(Javalin app) {
        app.get("/stats/requests/csv", ctx -> csv(ctx, downloadName("requests", "csv"),
                CsvExport.requests(ui.snapshotOrEmpty())));
        app.get("/stats/requests_full_history/csv", this::fullHistoryCsv);
        app.get("/stats/failures/csv", ctx -> csv(ctx, "failures_" + epoch() + ".csv",
                CsvExport.failures(ui.snapshotOrEmpty())));
        app.get("/exceptions/csv", ctx -> csv(ctx, "exceptions_" + epoch() + ".csv",
                CsvExport.exceptions(ui.snapshotOrEmpty())));
        app.get("/stats/report", this::report);
    }

    /** Adds a link to the dashboard's download list. */
    void addLink(String url, String label) {
        extraLinks.add(Map.of("url", url, "label", label));
    }

    /** The links added so far, each with {@code url} and {@code label}. */
    List<Map<String, String>> extraLinks() {
        return List.copyOf(extraLinks);
    }

    /** The full-history CSV this run writes, when it was started with {@code --csv} and {@code --csv-full-history}. */
    Optional<Path> fullHistoryFile() {
        String prefix = env.options().get("csv");
        boolean full = Boolean.parseBoolean(env.options().getOrDefault("csv-full-history", "false"));
        if (prefix == null || prefix.isBlank() || !full) {
            return Optional.empty();
        }
        return Optional.of(Path.of(prefix + "_stats_history.csv"));
    }

    private static void csv(Context ctx, String filename, String text) {
        ctx.header("Content-Disposition", "attachment;filename=" + filename);
        ctx.contentType("text/csv; charset=utf-8").result(text);
    }

    private static String epoch() {
        return Double.toString(System.currentTimeMillis() / 1000.0);
    }

    /** Newest Locust's download name: Locust_2024-01-31-13h05_locustfile_host_requests.csv. */
    private String downloadName(String kind, String ext) {
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH'h'mm"));
        String file = Path.of(options.locustfile()).getFileName().toString().replaceAll("\\.(jar|java|py)$", "");
        StringBuilder b = new StringBuilder("Locust_").append(date).append('_').append(file);
        env.host().ifPresent(h -> b.append('_').append(h.replaceAll("^https?://", "")));
        if (!kind.isEmpty()) {
            b.append('_').append(kind);
        }
        return b.append('.').append(ext).toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void fullHistoryCsv(Context ctx) throws IOException {
        Optional<Path> file = fullHistoryFile().filter(Files::isRegularFile);
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8")
                    .result("Error: Server was not started with option to generate full history.");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Disposition", "attachment;filename=" + file.get().getFileName());
        ctx.contentType("text/csv; charset=utf-8").result(Files.readAllBytes(file.get()));
    }

    private void report(Context ctx) {
        boolean download = ctx.queryParam("download") != null && !ctx.queryParam("download").isEmpty();
        boolean dark = "dark".equals(ctx.queryParam("theme"));
        String html = Report.render(env, ui.snapshotOrEmpty(), options.locustfile(), ratioCounts(), !download,
                ui.base(), dark);
        if (download) {
            ctx.header("Content-Disposition", "attachment;filename=" + downloadName("", "html"));
        }
        ctx.html(html);
    }

    private Map<String, Integer> ratioCounts() {
        Map<String, Integer> now = ui.usersPerClass();
        return env.runner().map(r -> TaskRatios.reportCounts(r, now)).orElse(now);
    }
}
