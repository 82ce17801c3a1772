package dev.locustj.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.spi.LogCapture;
import dev.locustj.web.WorkersView;
import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only JSON the dashboard polls: {@code /stats/requests} (serialized once per cached snapshot, as Locust
 * memoizes it), {@code /exceptions}, {@code /stats/history}, {@code /tasks}, {@code /logs} and
 * {@code /worker-count}.
 */
final class StatsRoutes {

    private final UiState ui;
    private final Environment env;
    private volatile RequestsDoc requestsDoc;

    StatsRoutes(UiState ui) {
        this.ui = ui;
        this.env = ui.env();
    }

    void register(Javalin app) {
        app.get("/stats/requests", ctx -> ctx.contentType("application/json").result(requestsJson()));
        app.get("/exceptions", ctx -> ctx.json(StatsJson.exceptions(ui.cache().snapshot())));
        app.get("/stats/history", ctx -> ctx.json(StatsJson.history(env.stats().history())));
        app.get("/tasks", ctx -> ctx.json(TaskRatios.tasks(env, ui.usersPerClass())));
        app.get("/logs", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("master", LogCapture.lines());
            m.put("workers", ui.workersView().map(WorkersView::workerLogs).orElse(Map.of()));
            ctx.json(m);
        });
        app.get("/worker-count", ctx -> ctx.json(Map.of("worker_count",
                ui.workersView().map(w -> w.workers().size()).orElse(0))));
    }

    /** The /stats/requests document, serialized once per cached snapshot (Locust memoizes the response). */
    private String requestsJson() throws JsonProcessingException {
        StatsCache.Stamped stamped = ui.cache().stamped();
        RequestsDoc doc = requestsDoc;
        if (doc != null && doc.generation() == stamped.generation()) {
            return doc.json();
        }
        Optional<Runner> runner = env.runner();
        String json = UiState.JSON.writeValueAsString(StatsJson.requests(stamped.snapshot(),
                runner.map(Runner::state), runner.map(Runner::userCount).orElse(0),
                ui.workersView().map(WorkersView::workers)));
        requestsDoc = new RequestsDoc(stamped.generation(), json);
        return json;
    }

    private record RequestsDoc(long generation, String json) {
    }
}
