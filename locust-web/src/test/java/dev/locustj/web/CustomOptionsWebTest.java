package dev.locustj.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CFG-04, WEB-02, WEB-30: the user code's options in the start form's data and in {@code POST /swarm}. */
class CustomOptionsWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<CustomOption> OPTIONS = List.of(
            CustomOption.string("my-arg", "x").help("my help"),
            CustomOption.integer("my-int", 3),
            CustomOption.flag("my-flag"),
            CustomOption.choice("region", "eu", "eu", "us").required(),
            CustomOption.string("api-key").secret(),
            CustomOption.string("not-shown", "n").hiddenInWebUi(),
            CustomOption.multipleChoice("features", List.of("a"), "a", "b", "c"));

    private Environment env;
    private WebUi ui;
    private TestSupport.Http http;

    @BeforeEach
    void setUp() {
        env = Environment.builder().userClasses(IdleUser.class).options(Map.of("my-arg", "from-cli",
                        "profile", "nightly"))
                .customOptions(OPTIONS).build();
        env.createLocalRunner();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).build());
        http = new TestSupport.Http(ui.url());
    }

    @AfterEach
    void tearDown() {
        env.runner().ifPresent(Runner::quit);
        ui.stop();
    }

    @Test
    void thePageCarriesLocustsExtraOptions() throws Exception {
        String page = http.get("/").body();
        int at = page.indexOf("window.templateArgs = ");
        assertThat(at).isNotNegative();
        JsonNode extra;
        try (JsonParser p = JSON.createParser(page.substring(at + "window.templateArgs = ".length()))) {
            extra = JSON.<JsonNode>readTree(p).get("extra_options");
        }
        assertThat(extra.fieldNames()).toIterable().containsExactly("my_arg", "my_int", "my_flag", "region",
                "api_key", "features");
        assertThat(extra.at("/features/is_multiple").asBoolean()).isTrue();
        assertThat(extra.at("/features/default_value").toString()).isEqualTo("[\"a\"]");
        assertThat(extra.at("/my_arg/default_value").asText()).isEqualTo("from-cli");
        assertThat(extra.at("/my_arg/help_text").asText()).isEqualTo("my help");
        assertThat(extra.at("/my_int/default_value").asText()).isEqualTo("3");
        assertThat(extra.at("/my_flag/default_value").isBoolean()).isTrue();
        assertThat(extra.at("/region/choices").toString()).isEqualTo("[\"eu\",\"us\"]");
        assertThat(extra.at("/region/is_required").asBoolean()).isTrue();
        assertThat(extra.at("/api_key/is_secret").asBoolean()).isTrue();
        assertThat(extra.at("/api_key/default_value").isNull()).isTrue();
    }

    @Test
    void thePageCarriesTheProfile() throws Exception { // CLI-55 --profile
        String page = http.get("/").body();
        int at = page.indexOf("window.templateArgs = ");
        try (JsonParser p = JSON.createParser(page.substring(at + "window.templateArgs = ".length()))) {
            assertThat(JSON.<JsonNode>readTree(p).get("profile").asText()).isEqualTo("nightly");
        }
        assertThat(page).contains("id=\"profile-label\"");
    }

    @Test
    void swarmSetsThemByDestNameCastToTheirType() throws Exception {
        HttpResponse<String> bad = http.postForm("/swarm", "user_count=1&spawn_rate=10&my_int=many");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText())
                .isEqualTo("argument --my-int: invalid int value: 'many'");
        assertThat(http.postForm("/swarm", "user_count=1&spawn_rate=10&region=mars").statusCode()).isEqualTo(400);
        assertThat(env.runner().orElseThrow().userCount()).isZero();
        assertThat(env.option("my-int")).hasValue("3");

        HttpResponse<String> ok = http.postForm("/swarm", "user_count=1&spawn_rate=10&my_arg=hello+there"
                + "&my_int=12&my_flag=true&region=us&not_shown=set-anyway&unrelated=1&features=b&features=c");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(env.option("my-arg")).hasValue("hello there");
        assertThat(env.option("my-int")).hasValue("12");
        assertThat(env.option("my-flag")).hasValue("true");
        assertThat(env.option("region")).hasValue("us");
        assertThat(env.option("not-shown")).hasValue("set-anyway");
        assertThat(env.option("features")).hasValue("b,c");
        assertThat(env.options()).doesNotContainKey("unrelated");
    }
}
