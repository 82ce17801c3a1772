package dev.locustj.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad /swarm input gets a 400 with {success:false, message} and leaves the running test alone (WEB-02). */
class SwarmValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Environment env;
    private WebUi ui;
    private TestSupport.Http http;

    private void startUi(boolean classPicker) {
        Environment real = Environment.builder()
                .userClasses(List.<Class<? extends User>>of(IdleUser.class, OtherUser.class)).build();
        env = new TestSupport.StatsEnv(real, new TestSupport.FixedStats(TestSupport.sampleSnapshot()));
        env.createLocalRunner();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).classPicker(classPicker)
                .build());
        http = new TestSupport.Http(ui.url());
    }

    @BeforeEach
    void setUp() {
        startUi(false);
    }

    @AfterEach
    void tearDown() {
        env.runner().ifPresent(Runner::quit);
        ui.stop();
    }

    private JsonNode rejected(String form) throws Exception {
        HttpResponse<String> r = http.postForm("/swarm", form);
        assertThat(r.statusCode()).as(form).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.has("host")).isTrue();
        return body;
    }

    @Test
    void badInputIsRejectedAndTheRunningTestIsUntouched() throws Exception {
        assertThat(http.postForm("/swarm", "user_count=2&spawn_rate=100").statusCode()).isEqualTo(200);
        Runner runner = env.runner().orElseThrow();
        awaitUsers(runner, 2);

        assertThat(rejected("user_count=abc&spawn_rate=1").get("message").asText()).contains("user_count");
        assertThat(rejected("user_count=1.5&spawn_rate=1").get("message").asText()).contains("user_count");
        assertThat(rejected("user_count=-1&spawn_rate=1").get("message").asText()).contains(">= 0");
        assertThat(rejected("user_count=5&spawn_rate=-2").get("message").asText()).contains("spawn_rate");
        assertThat(rejected("user_count=5&spawn_rate=0").get("message").asText()).contains("spawn_rate");
        assertThat(rejected("user_count=5&spawn_rate=fast").get("message").asText()).contains("spawn_rate");
        assertThat(rejected("user_count=5&spawn_rate=NaN").get("message").asText()).contains("spawn_rate");
        assertThat(rejected("spawn_rate=1").get("message").asText()).contains("user_count");
        assertThat(rejected("user_count=5").get("message").asText()).contains("spawn_rate");
        assertThat(rejected("user_count=5&spawn_rate=1&run_time=soon").get("message").asText())
                .isEqualTo("Valid run_time formats are : 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.");
        assertThat(rejected("user_count=5&spawn_rate=1&user_classes=Nope").get("message").asText())
                .isEqualTo("Unknown user class(es): Nope");
        assertThat(rejected("user_count=x&spawn_rate=1&host=http%3A%2F%2Fother").get("host").asText())
                .isEqualTo("http://other");

        assertThat(runner.state()).isIn(RunnerState.RUNNING, RunnerState.SPAWNING);
        assertThat(runner.userCount()).isEqualTo(2);
        assertThat(env.host()).isEmpty();
    }

    @Test
    void classPickerStartsOnlyTheChosenClasses() throws Exception {
        tearDown();
        startUi(true);
        rejected("user_count=2&spawn_rate=100");
        HttpResponse<String> r = http.postForm("/swarm",
                "user_count=2&spawn_rate=100&user_classes=OtherUser&shape_class=Default");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("user_classes").toString()).isEqualTo("[\"OtherUser\"]");
        Runner runner = env.runner().orElseThrow();
        awaitUsers(runner, 2);
        assertThat(runner.userClassesCount()).containsEntry("OtherUser", 2);
        assertThat(runner.userClassesCount().getOrDefault("IdleUser", 0)).isZero();
        assertThat(http.get("/").body()).contains("\"show_userclass_picker\":true");
    }

    private static void awaitUsers(Runner runner, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.userCount() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runner.userCount()).isEqualTo(n);
    }
}
