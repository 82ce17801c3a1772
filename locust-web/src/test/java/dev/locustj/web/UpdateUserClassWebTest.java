package dev.locustj.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WEB-14 {@code POST /user} (LF-81) over real HTTP, then a real run with the changed class. */
class UpdateUserClassWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Environment env;
    private WebUi ui;
    private TestSupport.Http http;

    @BeforeEach
    void start() {
        env = Environment.builder().userClasses(List.<Class<? extends User>>of(KeyValueUser.class, OtherUser.class))
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

    private JsonNode templateArgs() throws Exception {
        String page = http.get("/").body();
        int at = page.indexOf("window.templateArgs = ");
        assertThat(at).isNotNegative();
        try (JsonParser p = JSON.createParser(page.substring(at + "window.templateArgs = ".length()))) {
            return JSON.readTree(p);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void postedSettingsDriveTheNextRunAndTheDashboardData() throws Exception {
        JsonNode before = templateArgs();
        assertThat(texts(before.get("users").get("KeyValueUser").get("tasks"))).containsExactly("get", "put", "scan");
        assertThat(texts(before.get("available_user_tasks").get("KeyValueUser")))
                .containsExactly("get", "put", "scan");
        assertThat(before.get("users").get("OtherUser").get("host").isNull()).isTrue();

        HttpResponse<String> r = http.postJson("/user", "{\"user_class_name\": \"KeyValueUser\", \"weight\": 3, "
                + "\"fixed_count\": 0, \"host\": \"http://kv.invalid\", \"tasks\": [\"get\"]}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(http.postJson("/user", "{\"user_class_name\": \"OtherUser\", \"weight\": 1}").statusCode())
                .isEqualTo(201);

        JsonNode after = templateArgs();
        JsonNode kv = after.get("users").get("KeyValueUser");
        assertThat(kv.get("weight").asInt()).isEqualTo(3);
        assertThat(kv.get("fixed_count").asInt()).isZero();
        assertThat(kv.get("host").asText()).isEqualTo("http://kv.invalid");
        assertThat(texts(kv.get("tasks"))).containsExactly("get");
        // the class's full task list stays available for the next edit (Locust's available_user_tasks)
        assertThat(texts(after.get("available_user_tasks").get("KeyValueUser"))).containsExactly("get", "put", "scan");

        assertThat(http.postForm("/swarm", "user_count=4&spawn_rate=100").statusCode()).isEqualTo(200);
        JsonNode stats = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            stats = JSON.readTree(http.get("/stats/requests").body());
            if (stats.get("user_count").asInt() == 4 && stats.get("stats").size() >= 2
                    && stats.get("stats").get(0).get("num_requests").asLong() >= 100) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(stats).isNotNull();
        assertThat(env.runner().orElseThrow().userClassesCount()).isEqualTo(Map.of("KeyValueUser", 3,
                "OtherUser", 1));
        List<String> names = new ArrayList<>();
        stats.get("stats").forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).containsExactly("get", "Aggregated"); // no put, no scan
        assertThat(stats.get("stats").get(0).get("num_requests").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(JSON.readTree(http.get("/exceptions").body()).get("exceptions")).isEmpty();

        // /tasks (the ratio tab) shows the filtered list
        JsonNode tasks = JSON.readTree(http.get("/tasks").body()).get("per_class").get("KeyValueUser").get("tasks");
        List<String> taskNames = new ArrayList<>();
        tasks.fieldNames().forEachRemaining(taskNames::add);
        assertThat(taskNames).containsExactly("get");
    }

    @Test
    void badBodiesGetA400WithTheReason() throws Exception {
        HttpResponse<String> notJson = http.postJson("/user", "weight=3");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).get("message").asText()).isEqualTo("the body must be a JSON object");

        HttpResponse<String> noName = http.postJson("/user", "{\"weight\": 3}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noName.body()).get("message").asText())
                .isEqualTo("The user config must specify a user_class_name");

        HttpResponse<String> unknown = http.postJson("/user", "{\"user_class_name\": \"Nope\", \"weight\": 3}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("message").asText())
                .isEqualTo("Unknown user class 'Nope' (available: KeyValueUser, OtherUser)");

        HttpResponse<String> badTask = http.postJson("/user",
                "{\"user_class_name\": \"KeyValueUser\", \"tasks\": [\"get\", \"delete\"]}");
        assertThat(badTask.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTask.body()).get("message").asText())
                .isEqualTo("Unknown task 'delete' for user class KeyValueUser (its tasks: get, put, scan)");

        HttpResponse<String> custom = http.postJson("/user",
                "{\"user_class_name\": \"KeyValueUser\", \"wait_time\": 1}");
        assertThat(custom.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(custom.body()).get("message").asText()).contains("only host, weight, fixed_count");

        HttpResponse<String> badWeight = http.postJson("/user",
                "{\"user_class_name\": \"KeyValueUser\", \"weight\": \"lots\"}");
        assertThat(badWeight.statusCode()).isEqualTo(400);
        // nothing was changed by the rejected bodies
        assertThat(env.userClassSettings("KeyValueUser").weight()).hasValue(1);
        assertThat(env.userClassSettings("KeyValueUser").tasks()).contains(List.of("get", "put", "scan"));
    }
}
