package dev.locustj.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.UserClasses;
import dev.locustj.web.WebUiOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard page with its initial data (newest Locust's {@code window.templateArgs}) and the static files it
 * loads ({@code /static/...}, from the jar).
 */
final class Pages {

    private static final String NO_RUNNER = "Error: Locust Environment does not have any runner";

    private final UiState ui;
    private final Environment env;
    private final WebUiOptions options;
    private final Downloads downloads;

    Pages(UiState ui, Downloads downloads) {
        this.ui = ui;
        this.env = ui.env();
        this.options = ui.options();
        this.downloads = downloads;
    }

    void register(Javalin app) {
        app.get("/", this::index);
        app.get("/static/{file}", this::staticFile);
    }

    private void index(Context ctx) throws JsonProcessingException {
        if (env.runner().isEmpty()) {
            ctx.status(500).contentType("text/plain; charset=utf-8").result(NO_RUNNER);
            return;
        }
        String args = Html.scriptSafe(UiState.JSON.writeValueAsString(templateArgs()));
        ctx.header("Cache-Control", "no-store");
        ctx.html(Assets.text("index.html")
                .replace("{{BASE}}", Html.escape(ui.base()))
                .replace("{{TITLE}}", Html.escape("Locust for Java: " + options.locustfile()))
                .replace("{{TEMPLATE_ARGS}}", args));
    }

    /** The page's initial data (newest Locust's {@code window.templateArgs}). */
    Map<String, Object> templateArgs() {
        Runner runner = env.runner().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base_path", ui.base());
        m.put("locustfile", options.locustfile());
        m.put("host", env.host().or(() -> Report.commonHost(env)).orElse(""));
        m.put("profile", env.option("profile").filter(p -> !p.isBlank()).orElse(null)); // --profile (CLI-55)
        m.put("state", runner.state().wireName());
        m.put("user_count", runner.userCount());
        m.put("is_distributed", ui.workersView().isPresent());
        m.put("worker_count", ui.workersView().map(w -> w.workers().size()).orElse(0));
        m.put("show_userclass_picker", options.classPicker());
        List<String> classes = new ArrayList<>();
        for (Class<? extends User> c : env.userClasses()) {
            classes.add(UserClasses.name(c));
        }
        m.put("available_user_classes", classes);
        Map<String, Object> users = new LinkedHashMap<>();
        Map<String, Object> userTasks = new LinkedHashMap<>();
        for (Class<? extends User> c : env.userClasses()) {
            users.put(UserClasses.name(c), userJson(env.userClassSettings(UserClasses.name(c))));
            userTasks.put(UserClasses.name(c), env instanceof DefaultEnvironment d ? d.availableTaskNames(c)
                    : env.userClassSettings(UserClasses.name(c)).tasks().orElse(List.of()));
        }
        m.put("users", users); // Locust's User.json() per class (LF-33), updated by POST /user (WEB-14)
        m.put("available_user_tasks", userTasks);
        List<String> shapes = new ArrayList<>();
        shapes.add("Default");
        env.shapeClass().ifPresent(s -> shapes.add(UserClasses.name(s)));
        m.put("available_shape_classes", shapes);
        m.put("is_shape", env.shapeClass().isPresent());
        m.put("num_users", options.users().isPresent() ? options.users().getAsInt() : 1);
        m.put("spawn_rate", options.spawnRate().isPresent() ? options.spawnRate().getAsDouble() : 1.0);
        m.put("run_time", options.runTime().orElse(""));
        m.put("percentiles_to_chart", List.of(0.5, 0.95));
        m.put("history", StatsJson.history(env.stats().history()));
        m.put("full_history_csv", downloads.fullHistoryFile().isPresent());
        m.put("extra_downloads", downloads.extraLinks());
        m.put("web_login", options.webLogin());
        m.put("extra_options", extraOptions(env));
        return m;
    }

    /**
     * Locust's {@code ui_extra_args_dict} (CFG-04, WEB-30): the custom options the start form shows, by dest name,
     * with the current value ({@code default_value}, typed: a flag is a boolean), {@code is_secret},
     * {@code is_required}, {@code help_text}, {@code is_multiple} (then the value is a list) and {@code choices}
     * (null when any value goes).
     */
    static Map<String, Object> extraOptions(Environment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (CustomOption c : env.customOptions()) {
            if (!c.includeInWebUi()) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("default_value", env.option(c.name()).map(v -> c.type() == CustomOption.Type.FLAG
                    ? (Object) Boolean.parseBoolean(v) : c.isMultiple() ? c.values(v) : v).orElse(null));
            o.put("is_secret", c.isSecret());
            o.put("is_required", c.isRequired());
            o.put("help_text", c.helpText().isEmpty() ? null : c.helpText());
            o.put("is_multiple", c.isMultiple());
            o.put("choices", c.choices().isEmpty() ? null : c.choices());
            out.put(c.dest(), o);
        }
        return out;
    }

    /** Locust's {@code User.json()}: host (null when none), weight, fixed_count, tasks. */
    static Map<String, Object> userJson(UserClassSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", s.host().orElse(null));
        m.put("weight", s.weight().orElse(1));
        m.put("fixed_count", s.fixedCount().orElse(0));
        m.put("tasks", s.tasks().orElse(List.of()));
        return m;
    }

    private void staticFile(Context ctx) {
        String name = ctx.pathParam("file");
        if (name.equals("index.html") || name.equals("login.html")) {
            ctx.status(404).result("Not found");
            return;
        }
        Optional<byte[]> bytes = Assets.file(name);
        if (bytes.isEmpty()) {
            ctx.status(404).result("Not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(Assets.contentType(name)).result(bytes.get());
    }
}
