package dev.locustj.web.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.Runner;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.internal.DefaultEnvironment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes that change the test: {@code POST /swarm} (start or retarget, through {@link Swarm}), {@code /stop},
 * {@code /stats/reset} and {@code POST /user}. Each drops the cached stats so the next poll shows the change.
 */
final class ControlRoutes {

    private static final Logger LOG = LoggerFactory.getLogger("locust.web");
    private static final Set<String> SWARM_FIELDS = Set.of("user_count", "spawn_rate", "host", "run_time",
            "user_classes", "shape_class");

    private final UiState ui;
    private final Environment env;
    private final Swarm swarm;

    ControlRoutes(UiState ui) {
        this.ui = ui;
        this.env = ui.env();
        this.swarm = new Swarm(env, ui.options().classPicker());
    }

    void register(Javalin app) {
        app.post("/swarm", this::swarm);
        app.get("/stop", this::stopTest);
        app.get("/stats/reset", this::resetStats);
        app.post("/user", this::updateUser);
    }

    /** Stops the run-time timer thread. */
    void close() {
        swarm.close();
    }

    private void swarm(Context ctx) {
        Swarm.Form form = new Swarm.Form(Optional.ofNullable(ctx.formParam("user_count")),
                Optional.ofNullable(ctx.formParam("spawn_rate")), Optional.ofNullable(ctx.formParam("host")),
                Optional.ofNullable(ctx.formParam("run_time")), ctx.formParams("user_classes"),
                Optional.ofNullable(ctx.formParam("shape_class")), otherFields(ctx));
        Swarm.Result r = swarm.apply(form);
        ui.cache().invalidate();
        ctx.status(r.status()).json(r.body());
    }

    /** The form fields {@link Swarm.Form} has no slot for, by name, every value. */
    private static Map<String, List<String>> otherFields(Context ctx) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!SWARM_FIELDS.contains(k)) {
                m.put(k, List.copyOf(v));
            }
        });
        return m;
    }

    private void stopTest(Context ctx) {
        swarm.cancelRunTime();
        env.runner().ifPresent(Runner::stop);
        ui.cache().invalidate();
        ctx.json(UiState.message(true, "Test stopped"));
    }

    private void resetStats(Context ctx) {
        env.events().resetStats().fire(new Events.EnvironmentEvent(env));
        env.stats().reset();
        env.stats().clearExceptions();
        ui.cache().invalidate();
        ctx.contentType("text/plain; charset=utf-8").result("ok");
    }

    /**
     * WEB-14 {@code POST /user}: Locust's {@code update_user_class} (LF-81) with the JSON body
     * ({@code {"user_class_name": X, "host": ..., "weight": ..., "fixed_count": ..., "tasks": [...]}}); on a master the
     * same dict goes to the workers (DIST-11). {@code {}} with 201; 400 with the reason for bad input.
     */
    private void updateUser(Context ctx) {
        Map<String, Object> body;
        try {
            JsonNode tree = UiState.JSON.readTree(ctx.body());
            if (tree == null || !tree.isObject()) {
                ctx.status(400).json(UiState.message(false, "the body must be a JSON object"));
                return;
            }
            body = UiState.JSON.convertValue(tree, new TypeReference<Map<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            ctx.status(400).json(UiState.message(false, "the body must be a JSON object"));
            return;
        }
        try {
            if (env instanceof DefaultEnvironment d) {
                d.updateUserClass(body);
            } else {
                env.updateUserClass(UserClassSettings.fromMap(body));
            }
        } catch (ConfigurationException e) {
            ctx.status(400).json(UiState.message(false, e.getMessage()));
            return;
        }
        LOG.info("User class {} updated from the web UI: {}", body.get("user_class_name"), body);
        ui.cache().invalidate();
        ctx.status(201).json(Map.of());
    }
}
