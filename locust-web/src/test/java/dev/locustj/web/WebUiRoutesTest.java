package dev.locustj.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.HistoryPoint;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route with Locust's paths, methods and JSON field names (WEB-01..17), against a hand-built snapshot. */
class WebUiRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestSupport.FixedStats stats;
    private Environment env;
    private WebUi ui;
    private TestSupport.Http http;

    @BeforeEach
    void start() {
        Environment real = Environment.builder().userClasses(List.<Class<? extends dev.locustj.core.User>>of(IdleUser.class, OtherUser.class))
                .options(Map.of("locustfile", "my_tests.jar")).build();
        stats = new TestSupport.FixedStats(TestSupport.sampleSnapshot());
        stats.history.add(new HistoryPoint(1_700_000_010.0, 3, 12.5, 0.5, Map.of(0.5, 20L, 0.95, 90L), 33.0));
        env = new TestSupport.StatsEnv(real, stats);
        env.createLocalRunner();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).locustfile("my_tests.jar")
                .users(7).spawnRate(2.5).runTime("1m").build());
        http = new TestSupport.Http(ui.url());
    }

    @AfterEach
    void stop() {
        env.runner().ifPresent(Runner::quit);
        ui.stop();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void urlAndPortNameTheBoundSocket() {
        assertThat(ui.port()).isPositive();
        assertThat(ui.url()).isEqualTo("http://127.0.0.1:" + ui.port() + "/");
        assertThat(env.extension(WebUi.class)).containsSame(ui);
        assertThat(env.extension(WebRoutes.class)).isPresent();
    }

    @Test
    void indexServesThePageWithTemplateArgsAndLocalAssets() throws Exception {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("window.templateArgs = {").contains("/static/app.js")
                .contains("/static/uplot.iife.min.js").doesNotContain("https://");
        assertThat(r.body()).contains("\"available_user_classes\":[\"IdleUser\",\"OtherUser\"]")
                .contains("\"num_users\":7").contains("\"spawn_rate\":2.5").contains("\"run_time\":\"1m\"")
                .contains("\"locustfile\":\"my_tests.jar\"").contains("\"state\":\"ready\"");
        for (String asset : List.of("app.js", "app.css", "charts.js", "uplot.iife.min.js", "uplot.min.css",
                "favicon.svg")) {
            HttpResponse<String> a = http.get("/static/" + asset);
            assertThat(a.statusCode()).as(asset).isEqualTo(200);
            assertThat(a.body()).as(asset).isNotEmpty();
        }
        assertThat(http.get("/static/uplot.iife.min.js").body()).contains("uPlot");
        assertThat(http.get("/static/index.html").statusCode()).isEqualTo(404);
        assertThat(http.get("/static/..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(http.get("/static/nope.js").statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void statsRequestsHasLocustsFieldNames() throws Exception {
        JsonNode r = json(http.get("/stats/requests"));
        // WEB-21 (newest) top level, plus the 2.12.1 fields of WEB-20
        assertThat(names(r)).contains("stats", "errors", "total_rps", "total_fail_per_sec", "current_rps",
                "current_fail_per_sec", "fail_ratio", "current_response_time_percentiles",
                "current_response_time_percentile_50", "current_response_time_percentile_95", "state",
                "user_count").doesNotContain("workers", "worker_count");
        assertThat(r.get("state").asText()).isEqualTo("ready");
        assertThat(r.get("stats")).hasSize(3);
        JsonNode a = r.get("stats").get(0);
        assertThat(names(a)).containsExactly("method", "name", "safe_name", "num_requests", "num_failures",
                "min_response_time", "max_response_time", "current_rps", "current_fail_per_sec",
                "avg_response_time", "median_response_time", "total_rps", "total_fail_per_sec",
                "response_time_percentile_0.95", "response_time_percentile_0.99", "ninetieth_response_time",
                "ninety_ninth_response_time", "avg_content_length");
        assertThat(a.get("name").asText()).isEqualTo("/a<b>");
        assertThat(a.get("safe_name").asText()).isEqualTo("/a&lt;b&gt;");
        assertThat(a.get("num_requests").asLong()).isEqualTo(10);
        assertThat(a.get("num_failures").asLong()).isEqualTo(2);
        assertThat(a.get("min_response_time").asLong()).isEqualTo(10);
        assertThat(a.get("max_response_time").asLong()).isEqualTo(100);
        assertThat(a.get("avg_response_time").asDouble()).isEqualTo(55.0);
        assertThat(a.get("median_response_time").asLong()).isEqualTo(50);
        assertThat(a.get("response_time_percentile_0.95").asLong()).isEqualTo(100);
        assertThat(a.get("ninetieth_response_time").asLong()).isEqualTo(100);
        assertThat(a.get("current_rps").asDouble()).isEqualTo(1.0);
        assertThat(a.get("total_rps").asDouble()).isEqualTo(0.5);
        assertThat(a.get("avg_content_length").asDouble()).isEqualTo(100.0);
        JsonNode total = r.get("stats").get(2);
        assertThat(total.get("name").asText()).isEqualTo("Aggregated");
        assertThat(total.get("method").asText()).isEmpty();
        assertThat(r.get("total_rps").asDouble()).isEqualTo(total.get("current_rps").asDouble());
        assertThat(r.get("fail_ratio").asDouble()).isEqualTo(2.0 / 14);
        assertThat(names(r.get("current_response_time_percentiles")))
                .containsExactly("response_time_percentile_0.5", "response_time_percentile_0.95");
        JsonNode err = r.get("errors").get(0);
        assertThat(names(err)).containsExactly("method", "name", "error", "occurrences", "first_seen", "last_seen");
        assertThat(err.get("error").asText()).isEqualTo("HTTPError('500 Server Error')");
        assertThat(err.get("occurrences").asLong()).isEqualTo(2);
    }

    @Test
    void statsAreComputedOncePerIntervalForAllClients() throws Exception {
        int before = stats.snapshots.get();
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/stats/requests").statusCode()).isEqualTo(200);
            assertThat(http.get("/exceptions").statusCode()).isEqualTo(200);
        }
        // 40 requests within one 2 s interval: at most 2 snapshots (one may straddle the interval boundary)
        assertThat(stats.snapshots.get() - before).isBetween(0, 2);
    }

    @Test
    void workersAppearWhenAMasterRegistersTheView() throws Exception {
        env.extension(WorkersView.class, new WorkersView() {
            @Override
            public List<WorkerInfo> workers() {
                return List.of(new WorkerInfo("host_abc", "running", 5, 12.5, 123_456_789L));
            }

            @Override
            public Map<String, List<String>> workerLogs() {
                return Map.of("host_abc", List.of("worker line"));
            }
        });
        JsonNode r = json(http.get("/stats/requests"));
        assertThat(r.get("worker_count").asInt()).isEqualTo(1);
        JsonNode w = r.get("workers").get(0);
        assertThat(names(w)).containsExactly("id", "state", "user_count", "cpu_usage", "memory_usage");
        assertThat(w.get("memory_usage").asLong()).isEqualTo(123_456_789L);
        assertThat(json(http.get("/worker-count")).get("worker_count").asInt()).isEqualTo(1);
        assertThat(json(http.get("/logs")).get("workers").get("host_abc").get(0).asText()).isEqualTo("worker line");
    }

    @Test
    void exceptionsJsonAndCsv() throws Exception {
        JsonNode r = json(http.get("/exceptions"));
        JsonNode x = r.get("exceptions").get(0);
        assertThat(names(x)).containsExactly("count", "msg", "traceback", "nodes");
        assertThat(x.get("count").asLong()).isEqualTo(3);
        assertThat(x.get("msg").asText()).isEqualTo("boom <x>");
        assertThat(x.get("nodes").asText()).isEqualTo("local");
        HttpResponse<String> csv = http.get("/exceptions/csv");
        assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("content-disposition").orElse(""))
                .startsWith("attachment;filename=exceptions_");
        assertThat(csv.body()).startsWith("Count,Message,Traceback,Nodes\r\n").contains("3,boom <x>,");
    }

    @Test
    void csvDownloads() throws Exception {
        HttpResponse<String> req = http.get("/stats/requests/csv");
        assertThat(req.statusCode()).isEqualTo(200);
        assertThat(req.headers().firstValue("content-disposition").orElse(""))
                .matches("attachment;filename=Locust_\\d{4}-\\d{2}-\\d{2}-\\d{2}h\\d{2}_my_tests_requests\\.csv");
        String[] lines = req.body().split("\r\n");
        assertThat(lines[0]).startsWith("Type,Name,Request Count,Failure Count,Median Response Time");
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).startsWith(",Aggregated,14,2,");
        HttpResponse<String> fail = http.get("/stats/failures/csv");
        assertThat(fail.body()).startsWith("Method,Name,Error,Occurrences")
                .contains("GET,/a<b>,HTTPError('500 Server Error'),2");
        assertThat(fail.headers().firstValue("content-disposition").orElse(""))
                .startsWith("attachment;filename=failures_");
    }

    @Test
    void fullHistoryCsvIs404WithoutTheOption() throws Exception {
        HttpResponse<String> r = http.get("/stats/requests_full_history/csv");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("Error: Server was not started with option to generate full history.");
    }

    @Test
    void fullHistoryCsvServesTheFileWithTheOption() throws Exception {
        Path dir = Files.createTempDirectory("web-csv");
        Files.writeString(dir.resolve("run_stats_history.csv"), "Timestamp,User Count\r\n1,2\r\n");
        Environment real = Environment.builder().userClasses(List.<Class<? extends dev.locustj.core.User>>of(IdleUser.class))
                .options(Map.of("csv", dir.resolve("run").toString(), "csv-full-history", "true")).build();
        Environment e2 = new TestSupport.StatsEnv(real, stats);
        e2.createLocalRunner();
        WebUi ui2 = WebUi.start(e2, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).build());
        try {
            HttpResponse<String> r = new TestSupport.Http(ui2.url()).get("/stats/requests_full_history/csv");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Timestamp,User Count\r\n1,2\r\n");
        } finally {
            ui2.stop();
            e2.runner().ifPresent(Runner::quit);
        }
    }

    @Test
    void reportPageAndDownload() throws Exception {
        HttpResponse<String> page = http.get("/stats/report");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test Report for my_tests.jar").contains("Download the Report")
                .contains("Request Statistics").contains("Response Time Statistics").contains("Failures Statistics")
                .contains("Exceptions Statistics").contains("/a&lt;b&gt;").contains("uPlot");
        HttpResponse<String> dl = http.get("/stats/report?download=1");
        assertThat(dl.headers().firstValue("content-disposition").orElse(""))
                .matches("attachment;filename=Locust_.*_my_tests\\.html");
        assertThat(dl.body()).doesNotContain("Download the Report");
        assertThat(http.get("/stats/report?theme=dark").body()).contains("<body class=\"dark\">");
    }

    @Test
    void tasksGivesPerClassAndTotalRatios() throws Exception {
        env.runner().orElseThrow().start(4, 100);
        awaitUsers(4);
        JsonNode r = json(http.get("/tasks"));
        assertThat(names(r)).containsExactly("per_class", "total");
        JsonNode idle = r.get("per_class").get("IdleUser");
        double idleRatio = idle.get("ratio").asDouble();
        assertThat(idleRatio + r.get("per_class").get("OtherUser").get("ratio").asDouble()).isEqualTo(1.0);
        assertThat(idle.get("tasks").get("idle").get("ratio").asDouble()).isEqualTo(0.75);
        assertThat(idle.get("tasks").get("rest").get("ratio").asDouble()).isEqualTo(0.25);
        assertThat(r.get("total").get("IdleUser").get("tasks").get("idle").get("ratio").asDouble())
                .isEqualTo(0.75 * idleRatio);
    }

    @Test
    void swarmStartsEditsAndStopStopsTheRealRunner() throws Exception {
        HttpResponse<String> r = http.postForm("/swarm", "user_count=3&spawn_rate=100&host=http%3A%2F%2F127.0.0.1%3A1"
                + "%3Cscript%3E");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Swarming started");
        assertThat(body.get("host").asText()).isEqualTo("http://127.0.0.1:1script");
        assertThat(body.has("run_time")).isFalse();
        awaitUsers(3);
        assertThat(json(http.get("/stats/requests")).get("user_count").asInt()).isEqualTo(3);

        // edit while running re-targets (WEB-02)
        assertThat(json(http.postForm("/swarm", "user_count=5&spawn_rate=100")).get("success").asBoolean()).isTrue();
        awaitUsers(5);

        JsonNode stopped = json(http.get("/stop"));
        assertThat(stopped.get("success").asBoolean()).isTrue();
        assertThat(stopped.get("message").asText()).isEqualTo("Test stopped");
        assertThat(env.runner().orElseThrow().state()).isEqualTo(RunnerState.STOPPED);
        assertThat(json(http.get("/stats/requests")).get("state").asText()).isEqualTo("stopped");
    }

    @Test
    void swarmRunTimeStopsTheTest() throws Exception {
        JsonNode body = json(http.postForm("/swarm", "user_count=1&spawn_rate=10&run_time=1s"));
        assertThat(body.get("run_time").asLong()).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (env.runner().orElseThrow().state() != RunnerState.STOPPED && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(env.runner().orElseThrow().state()).isEqualTo(RunnerState.STOPPED);
    }

    @Test
    void swarmRunTimeOfZeroSetsNoLimit() throws Exception { // Locust: "if run_time:" after parse_timespan
        JsonNode body = json(http.postForm("/swarm", "user_count=1&spawn_rate=10&run_time=0s"));
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.has("run_time")).isFalse();
        awaitUsers(1);
        Thread.sleep(1000);
        assertThat(env.runner().orElseThrow().state()).isIn(RunnerState.SPAWNING, RunnerState.RUNNING);
    }

    @Test
    void resetFiresTheEventAndClearsStatsAndExceptions() throws Exception {
        List<Object> fired = new ArrayList<>();
        env.events().resetStats().add(fired::add);
        HttpResponse<String> r = http.get("/stats/reset");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
        assertThat(fired).hasSize(1);
        assertThat(stats.resets.get()).isEqualTo(1);
        assertThat(stats.exceptionClears.get()).isEqualTo(1);
    }

    @Test
    void logsWorkerCountUserAndLogin() throws Exception {
        org.slf4j.LoggerFactory.getLogger("locust.test").info("a line for the logs tab");
        JsonNode logs = json(http.get("/logs"));
        assertThat(names(logs)).containsExactly("master", "workers");
        assertThat(logs.get("master").toString()).contains("a line for the logs tab");
        assertThat(json(http.get("/worker-count")).get("worker_count").asInt()).isZero();
        HttpResponse<String> user = http.postJson("/user", "{\"user_class_name\": \"IdleUser\", \"host\": \"x\"}");
        assertThat(user.statusCode()).isEqualTo(201);
        assertThat(user.body()).isEqualTo("{}");
        assertThat(http.postJson("/user", "{\"user_class_name\": \"Nope\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> login = http.get("/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("location")).contains("/");
    }

    @Test
    void customRoutesThroughTheEnvironment() throws Exception {
        WebRoutes routes = env.extension(WebRoutes.class).orElseThrow();
        routes.get("/hello/{who}", (req, res) -> res.json(Map.of("hello", req.pathParam("who").orElse("?"),
                        "q", req.queryParam("q").orElse(""))))
                .post("/echo", (req, res) -> res.status(202).text("got " + req.formParam("x").orElse("")))
                .downloadLink("/hello/csv", "Hello CSV");
        JsonNode hello = json(http.get("/hello/world?q=1"));
        assertThat(hello.get("hello").asText()).isEqualTo("world");
        assertThat(hello.get("q").asText()).isEqualTo("1");
        HttpResponse<String> echo = http.postForm("/echo", "x=42");
        assertThat(echo.statusCode()).isEqualTo(202);
        assertThat(echo.body()).isEqualTo("got 42");
        assertThat(http.get("/").body()).contains("Hello CSV");
    }

    @Test
    void customRouteFailureIsAOneLineJson500() throws Exception {
        env.extension(WebRoutes.class).orElseThrow().get("/broken", (req, res) -> {
            throw new IllegalStateException("no luck");
        });
        HttpResponse<String> r = http.get("/broken");
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = json(r);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("message").asText()).isEqualTo("no luck");
    }

    @Test
    void withoutARunnerThePageIs500AndTheStateMissing() throws Exception {
        Environment bare = Environment.builder()
                .userClasses(List.<Class<? extends dev.locustj.core.User>>of(IdleUser.class)).build();
        WebUi ui2 = WebUi.start(bare, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).build());
        try {
            TestSupport.Http h = new TestSupport.Http(ui2.url());
            HttpResponse<String> page = h.get("/");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.body()).isEqualTo("Error: Locust Environment does not have any runner");
            JsonNode r = json(h.get("/stats/requests"));
            assertThat(r.get("state").asText()).isEqualTo("missing");
            assertThat(r.get("stats")).isEmpty();
            assertThat(r.get("user_count").asInt()).isZero();
            assertThat(json(h.postForm("/swarm", "user_count=1&spawn_rate=1")).get("success").asBoolean()).isFalse();
        } finally {
            ui2.stop();
        }
    }

    private void awaitUsers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (env.runner().orElseThrow().userCount() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(env.runner().orElseThrow().userCount()).isEqualTo(n);
    }
}
