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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real run with the LocalRunner and the real stats, driven only through the HTTP API. */
class RealRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Environment env;
    private WebUi ui;
    private TestSupport.Http http;

    @BeforeEach
    void start() {
        env = Environment.builder().userClasses(List.<Class<? extends User>>of(KeyValueUser.class))
                .options(Map.of("locustfile", "kv.jar")).build();
        env.createLocalRunner();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).locustfile("kv.jar").build());
        http = new TestSupport.Http(ui.url());
    }

    @AfterEach
    void stop() {
        env.runner().ifPresent(Runner::quit);
        ui.stop();
    }

    @Test
    void aCustomClientRunShowsUpInEveryView(@TempDir Path dir) throws Exception {
        assertThat(http.postForm("/swarm", "user_count=4&spawn_rate=100").statusCode()).isEqualTo(200);
        JsonNode stats = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            stats = JSON.readTree(http.get("/stats/requests").body());
            if (stats.get("stats").size() == 3 && stats.get("errors").size() == 1
                    && stats.get("user_count").asInt() == 4
                    && stats.get("stats").get(0).get("num_requests").asLong() >= 40) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(stats).isNotNull();
        assertThat(stats.get("state").asText()).isEqualTo("running");
        assertThat(stats.get("user_count").asInt()).isEqualTo(4);
        JsonNode get = stats.get("stats").get(0);
        assertThat(get.get("method").asText()).isEqualTo("kv");
        assertThat(get.get("name").asText()).isEqualTo("get");
        assertThat(get.get("num_requests").asLong()).isPositive();
        assertThat(get.get("num_failures").asLong()).isZero();
        assertThat(get.get("min_response_time").asLong()).isBetween(1L, 9L);
        assertThat(get.get("max_response_time").asLong()).isBetween(1L, 9L);
        // lock-free counters are read one after the other, so a request in flight may skew a live average a little
        assertThat(get.get("avg_content_length").asDouble()).isCloseTo(42.0, org.assertj.core.data.Percentage
                .withPercentage(10));
        assertThat(stats.get("stats").get(2).get("name").asText()).isEqualTo("Aggregated");
        JsonNode error = stats.get("errors").get(0);
        assertThat(error.get("name").asText()).isEqualTo("put");
        assertThat(error.get("error").asText()).contains("store full");
        assertThat(stats.get("fail_ratio").asDouble()).isBetween(0.0, 0.5);

        // exceptions escaped from the scan task
        JsonNode exceptions = JSON.readTree(http.get("/exceptions").body()).get("exceptions");
        assertThat(exceptions).isNotEmpty();
        assertThat(exceptions.get(0).get("msg").asText()).contains("scan is not supported");
        assertThat(exceptions.get(0).get("nodes").asText()).isEqualTo("local");

        // task ratio of the running class
        JsonNode tasks = JSON.readTree(http.get("/tasks").body());
        assertThat(tasks.get("per_class").get("KeyValueUser").get("ratio").asDouble()).isEqualTo(1.0);
        assertThat(tasks.get("total").get("KeyValueUser").get("tasks").get("get").get("ratio").asDouble())
                .isEqualTo(0.6);

        String csv = http.get("/stats/requests/csv").body();
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).contains("kv,get,").contains("kv,put,").contains(",Aggregated,");
        assertThat(http.get("/stats/failures/csv").body()).contains("kv,put,");

        // stop, then the report is written with the history charts and the final ratio
        assertThat(http.get("/stop").statusCode()).isEqualTo(200);
        assertThat(env.runner().orElseThrow().state()).isEqualTo(RunnerState.STOPPED);
        Path file = dir.resolve("out/report.html");
        HtmlReport.write(env, file);
        String html = Files.readString(file);
        assertThat(html).contains("Test Report for kv.jar").contains("<td>get</td>").contains("Failures Statistics")
                .contains("store full").contains("Exceptions Statistics").contains("scan is not supported")
                .contains("window.reportData").contains("KeyValueUser").doesNotContain("<script src=")
                .doesNotContain("<link rel=\"stylesheet\" href=");
        assertThat(html).contains("\"history\":[{");

        // a new test after the stop starts from clean stats (RUN-05)
        assertThat(http.get("/stats/reset").body()).isEqualTo("ok");
        Thread.sleep(2100); // the cached snapshot is per 2 s interval; reset invalidates, this makes it certain
        JsonNode after = JSON.readTree(http.get("/stats/requests").body());
        assertThat(after.get("stats").get(after.get("stats").size() - 1).get("num_requests").asLong()).isZero();
    }
}
