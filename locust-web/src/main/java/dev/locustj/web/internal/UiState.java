package dev.locustj.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.web.WebUiOptions;
import dev.locustj.web.WorkersView;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the route groups of one web server share: the environment, the UI options, the stats cache, and the few
 * views derived from them (the workers, the users per class, the base path, the {@code success}/{@code message}
 * reply).
 */
final class UiState {

    /** One mapper for the server's hand-serialized documents. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final Environment env;
    private final WebUiOptions options;
    private final StatsCache cache;

    UiState(Environment env, WebUiOptions options, StatsCache cache) {
        this.env = env;
        this.options = options;
        this.cache = cache;
    }

    Environment env() {
        return env;
    }

    WebUiOptions options() {
        return options;
    }

    StatsCache cache() {
        return cache;
    }

    /** The master's view of its workers; empty unless this UI runs on a master. */
    Optional<WorkersView> workersView() {
        return env.extension(WorkersView.class);
    }

    /** The users running per class: what the workers reported on a master, else the local runner's. */
    Map<String, Integer> usersPerClass() {
        Optional<Map<String, Integer>> reported = workersView().map(WorkersView::reportedUserClassesCount)
                .filter(m -> !m.isEmpty());
        if (reported.isPresent()) {
            return reported.get();
        }
        return env.runner().map(Runner::userClassesCount).orElse(Map.of());
    }

    /** The cached snapshot, or a fresh one when there is no runner yet. */
    StatsSnapshot snapshotOrEmpty() {
        return cache.snapshot().orElseGet(() -> env.stats().snapshot());
    }

    /** The web base path ({@code --web-base-path}), empty for none. */
    String base() {
        return options.webBasePath();
    }

    /** The request's path without the base path. */
    String relativePath(Context ctx) {
        String p = ctx.path();
        String base = base();
        if (!base.isEmpty() && p.startsWith(base)) {
            p = p.substring(base.length());
        }
        return p;
    }

    /** Locust's {@code {"success": ..., "message": ...}} reply. */
    static Map<String, Object> message(boolean success, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", success);
        m.put("message", message);
        return m;
    }
}
