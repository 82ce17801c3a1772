package dev.locustj.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.UserClasses;
import dev.locustj.core.spi.LogCapture;
import dev.locustj.web.WebRoutes;
import dev.locustj.web.WebUiOptions;
import dev.locustj.web.WorkersView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Javalin application behind {@link dev.locustj.web.WebUi}: routes, auth, TLS, static files. */
public final class WebServer {

    private static final Logger LOG = LoggerFactory.getLogger("locust.web");
    private static final String SESSION_COOKIE = "locustj_session";
    private static final String NO_RUNNER = "Error: Locust Environment does not have any runner";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environment env;
    private final WebUiOptions options;
    private final StatsCache cache;
    private final Swarm swarm;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final List<Map<String, String>> extraDownloads = new CopyOnWriteArrayList<>();
    private volatile RequestsDoc requestsDoc;
    private final Javalin app;
    private ServerConnector connector;

    /** Creates (not yet started) the server. */
    public WebServer(Environment env, WebUiOptions options) {
        ServerLogLevels.quiet();
        LogCapture.install(); // again on every start: a logging reconfiguration drops the appender
        this.env = env;
        this.options = options;
        this.cache = new StatsCache(env, StatsCache.INTERVAL);
        this.swarm = new Swarm(env, options.classPicker());
        String bindHost = options.webHost().isEmpty() || options.webHost().equals("*") ? null : options.webHost();
        Optional<KeyStore> keyStore = options.tls()
                ? Optional.of(PemTls.keyStore(options.tlsCert().get(), options.tlsKey().get()))
                : Optional.empty();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.useVirtualThreads = false; // platform threads: busy users can hold every carrier
            config.router.contextPath = options.webBasePath().isEmpty() ? "/" : options.webBasePath();
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = keyStore.isPresent()
                        ? (ServerConnector) PemTls.connector(server, httpConfig, keyStore.get(), bindHost,
                                options.webPort())
                        : new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setHost(bindHost);
                c.setPort(options.webPort());
                this.connector = c;
                return c;
            });
        });
        routes();
    }

    /** Starts listening; fails with a one-line {@link ConfigurationException} when the port is taken. */
    public void start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot start the web interface on " + describeBind() + ": "
                    + rootMessage(e), e);
        }
        String url = url();
        if (options.webHost().isEmpty() || options.webHost().equals("*")) {
            LOG.info("Starting web interface at {} (accepting connections from all network interfaces)", url);
        } else {
            LOG.info("Starting web interface at {}", url);
        }
    }

    /** Stops the server. */
    public void stop() {
        swarm.close();
        app.stop();
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The URL of the dashboard. */
    public String url() {
        String host = options.hostDisplayName().orElseGet(() -> options.webHost().isEmpty()
                || options.webHost().equals("*") || options.webHost().equals("0.0.0.0")
                || options.webHost().equals("::") ? "localhost"
                : options.webHost().contains(":") ? "[" + options.webHost() + "]" : options.webHost());
        return (options.tls() ? "https" : "http") + "://" + host + ":" + port() + options.webBasePath() + "/";
    }

    /** The stats cache (tests). */
    public StatsCache cache() {
        return cache;
    }

    /** The custom-routes facade. */
    public WebRoutes webRoutes() {
        return new CustomRoutes();
    }

    private String describeBind() {
        return (options.webHost().isEmpty() ? "*" : options.webHost()) + ":" + options.webPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---------------------------------------------------------------------------------------------- routes

    private void routes() {
        app.before(this::authenticate);
        app.after(ctx -> ctx.header("Access-Control-Allow-Origin", "*"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("web request {} {} failed: {}", ctx.method(), ctx.path(), rootMessage(e));
            LOG.debug("web request failure", e);
            ctx.status(500).json(message(false, rootMessage(e)));
        });

        app.get("/", this::index);
        app.get("/static/{file}", this::staticFile);
        app.get("/login", this::loginPage);
        app.post("/login", this::login);
        app.get("/logout", this::logout);
        app.post("/swarm", this::swarm);
        app.get("/stop", this::stopTest);
        app.get("/stats/reset", this::resetStats);
        app.get("/stats/requests", ctx -> ctx.contentType("application/json").result(requestsJson()));
        app.get("/stats/requests/csv", ctx -> csv(ctx, downloadName("requests", "csv"),
                CsvExport.requests(snapshotOrEmpty())));
        app.get("/stats/requests_full_history/csv", this::fullHistoryCsv);
        app.get("/stats/failures/csv", ctx -> csv(ctx, "failures_" + epoch() + ".csv",
                CsvExport.failures(snapshotOrEmpty())));
        app.get("/exceptions", ctx -> ctx.json(StatsJson.exceptions(cache.snapshot())));
        app.get("/exceptions/csv", ctx -> csv(ctx, "exceptions_" + epoch() + ".csv",
                CsvExport.exceptions(snapshotOrEmpty())));
        app.get("/stats/report", this::report);
        app.get("/stats/history", ctx -> ctx.json(StatsJson.history(env.stats().history())));
        app.get("/tasks", ctx -> ctx.json(TaskRatios.tasks(env, usersPerClass())));
        app.get("/logs", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("master", LogCapture.lines());
            m.put("workers", workersView().map(WorkersView::workerLogs).orElse(Map.of()));
            ctx.json(m);
        });
        app.post("/user", this::updateUser);
        app.get("/worker-count", ctx -> ctx.json(Map.of("worker_count",
                workersView().map(w -> w.workers().size()).orElse(0))));
    }

    private Optional<WorkersView> workersView() {
        return env.extension(WorkersView.class);
    }

    private Map<String, Integer> usersPerClass() {
        Optional<Map<String, Integer>> reported = workersView().map(WorkersView::reportedUserClassesCount)
                .filter(m -> !m.isEmpty());
        if (reported.isPresent()) {
            return reported.get();
        }
        return env.runner().map(Runner::userClassesCount).orElse(Map.of());
    }

    /** The /stats/requests document, serialized once per cached snapshot (Locust memoizes the response). */
    private String requestsJson() throws JsonProcessingException {
        StatsCache.Stamped stamped = cache.stamped();
        RequestsDoc doc = requestsDoc;
        if (doc != null && doc.generation() == stamped.generation()) {
            return doc.json();
        }
        Optional<Runner> runner = env.runner();
        String json = JSON.writeValueAsString(StatsJson.requests(stamped.snapshot(), runner.map(Runner::state),
                runner.map(Runner::userCount).orElse(0), workersView().map(WorkersView::workers)));
        requestsDoc = new RequestsDoc(stamped.generation(), json);
        return json;
    }

    private record RequestsDoc(long generation, String json) {
    }

    private StatsSnapshot snapshotOrEmpty() {
        return cache.snapshot().orElseGet(() -> env.stats().snapshot());
    }

    private static Map<String, Object> message(boolean success, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", success);
        m.put("message", message);
        return m;
    }

    // ---------------------------------------------------------------------------------------------- auth

    private void authenticate(Context ctx) {
        if (options.webAuth().isEmpty() || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String path = relativePath(ctx);
        if (options.webLogin() && (path.equals("/login") || path.equals("/static/app.css")
                || path.equals("/static/favicon.svg"))) {
            return;
        }
        if (basicAuthOk(ctx) || sessionOk(ctx)) {
            return;
        }
        ctx.skipRemainingHandlers();
        if (options.webLogin() && ctx.method() == HandlerType.GET && (path.equals("/") || path.isEmpty())) {
            ctx.redirect(base() + "/login");
            return;
        }
        if (!options.webLogin()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Locust\"");
        }
        ctx.status(401).json(message(false, "Unauthorized"));
    }

    private String relativePath(Context ctx) {
        String p = ctx.path();
        String base = base();
        if (!base.isEmpty() && p.startsWith(base)) {
            p = p.substring(base.length());
        }
        return p;
    }

    private String base() {
        return options.webBasePath();
    }

    private boolean basicAuthOk(Context ctx) {
        return BasicAuth.parse(ctx.header("Authorization")).map(c -> credentialsOk(c.user(), c.password()))
                .orElse(false);
    }

    private boolean credentialsOk(String user, String pass) {
        String expected = options.webAuth().orElseThrow();
        byte[] a = (user + ":" + pass).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, expected.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sessionOk(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        return token != null && sessions.contains(token);
    }

    private void loginPage(Context ctx) {
        if (!options.webLogin()) {
            ctx.redirect(base() + "/");
            return;
        }
        String error = ctx.queryParam("error") != null ? "Invalid username or password" : "";
        ctx.html(Assets.text("login.html").replace("{{BASE}}", Html.escape(base()))
                .replace("{{ERROR}}", Html.escape(error)));
    }

    private void login(Context ctx) {
        if (!options.webLogin()) {
            ctx.redirect(base() + "/");
            return;
        }
        String user = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String pass = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (!credentialsOk(user, pass)) {
            ctx.redirect(base() + "/login?error=1");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        sessions.add(token);
        Cookie cookie = new Cookie(SESSION_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setPath(base().isEmpty() ? "/" : base());
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(options.tls());
        ctx.cookie(cookie);
        ctx.redirect(base() + "/");
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        if (token != null) {
            sessions.remove(token);
        }
        ctx.removeCookie(SESSION_COOKIE, base().isEmpty() ? "/" : base());
        ctx.redirect(base() + (options.webLogin() ? "/login" : "/"));
    }

    // ---------------------------------------------------------------------------------------------- page

    private void index(Context ctx) throws JsonProcessingException {
        if (env.runner().isEmpty()) {
            ctx.status(500).contentType("text/plain; charset=utf-8").result(NO_RUNNER);
            return;
        }
        String args = Html.scriptSafe(JSON.writeValueAsString(templateArgs()));
        ctx.header("Cache-Control", "no-store");
        ctx.html(Assets.text("index.html")
                .replace("{{BASE}}", Html.escape(base()))
                .replace("{{TITLE}}", Html.escape("Locust for Java: " + options.locustfile()))
                .replace("{{TEMPLATE_ARGS}}", args));
    }

    /** The page's initial data (newest Locust's {@code window.templateArgs}). */
    Map<String, Object> templateArgs() {
        Runner runner = env.runner().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base_path", base());
        m.put("locustfile", options.locustfile());
        m.put("host", env.host().or(() -> Report.commonHost(env)).orElse(""));
        m.put("state", runner.state().wireName());
        m.put("user_count", runner.userCount());
        m.put("is_distributed", workersView().isPresent());
        m.put("worker_count", workersView().map(w -> w.workers().size()).orElse(0));
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
        m.put("full_history_csv", fullHistoryFile().isPresent());
        m.put("extra_downloads", List.copyOf(extraDownloads));
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

    // ---------------------------------------------------------------------------------------------- control

    private void swarm(Context ctx) {
        Swarm.Form form = new Swarm.Form(Optional.ofNullable(ctx.formParam("user_count")),
                Optional.ofNullable(ctx.formParam("spawn_rate")), Optional.ofNullable(ctx.formParam("host")),
                Optional.ofNullable(ctx.formParam("run_time")), ctx.formParams("user_classes"),
                Optional.ofNullable(ctx.formParam("shape_class")), otherFields(ctx));
        Swarm.Result r = swarm.apply(form);
        cache.invalidate();
        ctx.status(r.status()).json(r.body());
    }

    private static final Set<String> SWARM_FIELDS = Set.of("user_count", "spawn_rate", "host", "run_time",
            "user_classes", "shape_class");

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
        cache.invalidate();
        ctx.json(message(true, "Test stopped"));
    }

    private void resetStats(Context ctx) {
        env.events().resetStats().fire(new Events.EnvironmentEvent(env));
        env.stats().reset();
        env.stats().clearExceptions();
        cache.invalidate();
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
            JsonNode tree = JSON.readTree(ctx.body());
            if (tree == null || !tree.isObject()) {
                ctx.status(400).json(message(false, "the body must be a JSON object"));
                return;
            }
            body = JSON.convertValue(tree, new TypeReference<Map<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            ctx.status(400).json(message(false, "the body must be a JSON object"));
            return;
        }
        try {
            if (env instanceof DefaultEnvironment d) {
                d.updateUserClass(body);
            } else {
                env.updateUserClass(UserClassSettings.fromMap(body));
            }
        } catch (ConfigurationException e) {
            ctx.status(400).json(message(false, e.getMessage()));
            return;
        }
        LOG.info("User class {} updated from the web UI: {}", body.get("user_class_name"), body);
        cache.invalidate();
        ctx.status(201).json(Map.of());
    }

    // ---------------------------------------------------------------------------------------------- downloads

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

    private Optional<Path> fullHistoryFile() {
        String prefix = env.options().get("csv");
        boolean full = Boolean.parseBoolean(env.options().getOrDefault("csv-full-history", "false"));
        if (prefix == null || prefix.isBlank() || !full) {
            return Optional.empty();
        }
        return Optional.of(Path.of(prefix + "_stats_history.csv"));
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
        String html = Report.render(env, snapshotOrEmpty(), options.locustfile(), ratioCounts(), !download,
                base(), dark);
        if (download) {
            ctx.header("Content-Disposition", "attachment;filename=" + downloadName("", "html"));
        }
        ctx.html(html);
    }

    private Map<String, Integer> ratioCounts() {
        Map<String, Integer> now = usersPerClass();
        return env.runner().map(r -> TaskRatios.reportCounts(r, now)).orElse(now);
    }

    // ---------------------------------------------------------------------------------------------- custom

    private final class CustomRoutes implements WebRoutes {
        @Override
        public WebRoutes get(String path, Handler handler) {
            app.get(path, ctx -> handler.handle(new Request(ctx), new Response(ctx)));
            return this;
        }

        @Override
        public WebRoutes post(String path, Handler handler) {
            app.post(path, ctx -> handler.handle(new Request(ctx), new Response(ctx)));
            return this;
        }

        @Override
        public WebRoutes downloadLink(String path, String label) {
            extraDownloads.add(Map.of("url", path, "label", label));
            return this;
        }
    }

    private final class Request implements dev.locustj.web.WebRequest {
        private final Context ctx;

        Request(Context ctx) {
            this.ctx = ctx;
        }

        @Override public String method() { return ctx.method().name(); }
        @Override public String path() { return relativePath(ctx); }
        @Override public Optional<String> pathParam(String name) {
            return Optional.ofNullable(ctx.pathParamMap().get(name));
        }
        @Override public Optional<String> queryParam(String name) { return Optional.ofNullable(ctx.queryParam(name)); }
        @Override public Optional<String> formParam(String name) { return Optional.ofNullable(ctx.formParam(name)); }
        @Override public List<String> formParams(String name) { return List.copyOf(ctx.formParams(name)); }
        @Override public Optional<String> header(String name) { return Optional.ofNullable(ctx.header(name)); }
        @Override public String body() { return ctx.body(); }
    }

    private static final class Response implements dev.locustj.web.WebResponse {
        private final Context ctx;

        Response(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public dev.locustj.web.WebResponse status(int status) {
            ctx.status(status);
            return this;
        }

        @Override
        public dev.locustj.web.WebResponse header(String name, String value) {
            ctx.header(name, value);
            return this;
        }

        @Override
        public dev.locustj.web.WebResponse body(String text, String contentType) {
            ctx.contentType(contentType).result(text);
            return this;
        }

        @Override
        public dev.locustj.web.WebResponse json(Object value) {
            ctx.json(value);
            return this;
        }
    }
}
