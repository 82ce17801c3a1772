package dev.locustj.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import dev.locustj.web.internal.Assets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or careless client may send the web UI: unknown static names must not grow memory, a user count
 * the process cannot hold and odd numbers are 400s, and malformed {@code Authorization} headers are 401s.
 */
class WebUiHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<WebUi> uis = new ArrayList<>();
    private final List<Environment> envs = new ArrayList<>();

    private WebUi start(Map<String, String> options, WebUiOptions.Builder web) {
        Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                .options(options).build();
        env.createLocalRunner();
        envs.add(env);
        WebUi ui = WebUi.start(env, web.webHost("127.0.0.1").webPort(0).build());
        uis.add(ui);
        return ui;
    }

    @AfterEach
    void stopAll() {
        uis.forEach(WebUi::stop);
        envs.forEach(e -> e.runner().ifPresent(Runner::quit));
    }

    @Test
    void unknownStaticNamesDoNotGrowTheAssetCache() throws Exception {
        TestSupport.Http http = new TestSupport.Http(start(Map.of(), WebUiOptions.builder()).url());
        assertThat(http.get("/static/app.js").statusCode()).isEqualTo(200);
        int before = Assets.cachedFiles();
        for (int i = 0; i < 3_000; i++) {
            assertThat(http.get("/static/missing-" + i + ".js").statusCode()).isEqualTo(404);
        }
        assertThat(Assets.cachedFiles()).isEqualTo(before);
        assertThat(http.get("/static/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void userCountsAndRatesOutsideTheLimitAre400sAndTouchNothing() throws Exception {
        WebUi ui = start(Map.of("max-users", "50"), WebUiOptions.builder());
        TestSupport.Http http = new TestSupport.Http(ui.url());
        Runner runner = envs.get(0).runner().orElseThrow();
        assertThat(runner.maxUsers()).isEqualTo(50);

        assertThat(rejected(http, "user_count=1e9&spawn_rate=1"))
                .isEqualTo("user_count 1e9 is above the limit of 50 users this process can hold (--max-users)");
        assertThat(rejected(http, "user_count=1000000000&spawn_rate=1")).contains("above the limit of 50 users");
        assertThat(rejected(http, "user_count=51&spawn_rate=1")).contains("above the limit of 50 users");
        assertThat(rejected(http, "user_count=99999999999999999999999999&spawn_rate=1"))
                .contains("above the limit of 50 users");
        assertThat(rejected(http, "user_count=-1&spawn_rate=1")).isEqualTo("user_count must be >= 0, got -1");
        assertThat(rejected(http, "user_count=abc&spawn_rate=1"))
                .isEqualTo("user_count must be a whole number, got 'abc'");
        assertThat(rejected(http, "user_count=&spawn_rate=1")).isEqualTo("Missing user_count");
        assertThat(rejected(http, "user_count=1.5&spawn_rate=1")).contains("whole number");
        assertThat(rejected(http, "user_count=5&spawn_rate=")).isEqualTo("Missing spawn_rate");
        assertThat(rejected(http, "user_count=5&spawn_rate=1e309"))
                .isEqualTo("spawn_rate 1e309 is above the limit of 50 users per second "
                        + "(--max-users: the most users this process can hold)");
        assertThat(rejected(http, "user_count=5&spawn_rate=1e18")).contains("above the limit");
        assertThat(rejected(http, "user_count=5&spawn_rate=Infinity"))
                .isEqualTo("spawn_rate must be a number, got 'Infinity'");
        assertThat(rejected(http, "user_count=5&spawn_rate=5d")).contains("must be a number");
        assertThat(rejected(http, "user_count=5&spawn_rate=1e-400")).isEqualTo("spawn_rate must be > 0, got 1e-400");
        assertThat(rejected(http, "user_count=" + "9".repeat(5_000) + "&spawn_rate=1")).hasSizeLessThan(200);
        assertThat(runner.state()).isEqualTo(RunnerState.READY);
        assertThat(runner.userCount()).isZero();

        HttpResponse<String> ok = http.postForm("/swarm", "user_count=50&spawn_rate=50");
        assertThat(ok.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.userCount() != 50 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runner.userCount()).isEqualTo(50);
        // the edit dialog posts /swarm again while running: the same limit, and the running test is untouched
        assertThat(rejected(http, "user_count=1e9&spawn_rate=1")).contains("above the limit of 50 users");
        assertThat(runner.userCount()).isEqualTo(50);
        assertThat(runner.state()).isIn(RunnerState.RUNNING, RunnerState.SPAWNING);
    }

    @Test
    void theDefaultLimitFollowsTheHeap() throws Exception {
        WebUi ui = start(Map.of(), WebUiOptions.builder());
        Runner runner = envs.get(0).runner().orElseThrow();
        long expected = Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / (12 * 1024));
        assertThat(runner.maxUsers()).isEqualTo((int) expected);
        assertThat(rejected(new TestSupport.Http(ui.url()), "user_count=1000000000&spawn_rate=1"))
                .startsWith("user_count 1000000000 is above the limit of " + expected + " users");
        assertThat(runner.state()).isEqualTo(RunnerState.READY);
    }

    @Test
    void malformedAuthorizationHeadersAre401AndTheSchemeIsCaseInsensitive() throws Exception {
        WebUi ui = start(Map.of(), WebUiOptions.builder().webAuth("admin:s3cret"));
        TestSupport.Http http = new TestSupport.Http(ui.url());
        String valid = b64("admin:s3cret");
        for (String header : List.of("Basic !!!", "Basic", "Basic ", "Basic " + b64("admin"), "Basic " + b64("a:b"),
                "Bearer x", "Bearer " + valid, "Basic " + valid.substring(1), "Basic%20" + valid, "Basicx " + valid)) {
            HttpResponse<String> r = withAuth(http, "/stats/requests", header);
            assertThat(r.statusCode()).as(header).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).get("message").asText()).as(header).isEqualTo("Unauthorized");
        }
        for (String header : List.of("Basic " + valid, "BASIC " + valid, "basic " + valid, "bAsIc  " + valid)) {
            assertThat(withAuth(http, "/stats/requests", header).statusCode()).as(header).isEqualTo(200);
        }
        assertThat(withAuth(http, "/", "BASIC " + b64("admin:wrong")).statusCode()).isEqualTo(401);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> withAuth(TestSupport.Http http, String path, String header)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(http.base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", header).GET().build();
        return http.client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String rejected(TestSupport.Http http, String form) throws Exception {
        HttpResponse<String> r = http.postForm("/swarm", form);
        assertThat(r.statusCode()).as(form).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        return body.get("message").asText();
    }
}
