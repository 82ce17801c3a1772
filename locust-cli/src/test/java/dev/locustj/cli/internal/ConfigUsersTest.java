package dev.locustj.cli.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CLI-10 {@code --config-users}: Locust's user-class settings at start-up (LF-81), in-process. */
class ConfigUsersTest {

    @TempDir
    Path dir;

    private InProcessLauncher locust;

    @BeforeEach
    void userCode() throws IOException {
        locust = new InProcessLauncher(dir);
    }

    private int run(Map<String, String> env, String... args) {
        return locust.run(env, args);
    }

    private int run(String... args) {
        return locust.run(Map.of(), args);
    }

    private String out() {
        return locust.out();
    }

    private String err() {
        return locust.err();
    }

    @Test
    void objectsAndArraysChangeTheTaskRatio() {
        // without: MixedUser (weight 3) 75 %, GoodUser 25 %; ok 75 % / fail 25 % inside MixedUser
        assertThat(run("-f", "tests.jar", "--show-task-ratio", "--skip-log-setup", "--config-users",
                "{\"user_class_name\": \"GoodUser\", \"weight\": 3}",
                "[{\"user_class_name\": \"MixedUser\", \"tasks\": [\"ok\"]}]")).isZero();
        String o = out();
        assertThat(o).contains(" 50.0       MixedUser", " 50.0       GoodUser", "   100.0      ok")
                .doesNotContain("fail");
    }

    @Test
    void aJsonFileAnEnvironmentVariableAndAConfigFileWork() throws IOException {
        Files.writeString(dir.resolve("users.json"), "[{\"user_class_name\": \"GoodUser\", \"fixed_count\": 1},"
                + " {\"user_class_name\": \"MixedUser\", \"weight\": 1}]");
        assertThat(run("-f", "tests.jar", "--show-task-ratio-json", "--skip-log-setup", "-u", "4",
                "--config-users", "users.json")).isZero();
        // GoodUser: fixed 1 of 4 users, MixedUser the other 3
        assertThat(out()).contains("\"ratio\": 0.25").contains("\"ratio\": 0.75").doesNotContain("\"ratio\": 0.5,");

        locust.clearOutput();
        assertThat(run(Map.of("LOCUST_CONFIG_USERS", "{\"user_class_name\": \"MixedUser\", \"tasks\": [\"fail\"]}"),
                "-f", "tests.jar", "--show-task-ratio-json", "--skip-log-setup", "MixedUser")).isZero();
        assertThat(out()).contains("\"fail\"").doesNotContain("\"ok\"");

        locust.clearOutput();
        Files.writeString(dir.resolve("my.conf"),
                "config-users = {\"user_class_name\": \"MixedUser\", \"tasks\": [\"ok\"]}\n");
        assertThat(run("-f", "tests.jar", "--config", "my.conf", "--show-task-ratio-json", "--skip-log-setup",
                "MixedUser")).isZero();
        assertThat(out()).contains("\"ok\"").doesNotContain("\"fail\"");
    }

    @Test
    void parseErrorsAreUsageErrorsWithExitCode2() {
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--list", "--config-users", "{not json")).isEqualTo(2);
        assertThat(err()).startsWith("locust: error: argument --config-users: The --config-users argument must be "
                + "a valid JSON string or file: ").hasLineCount(1);
        locust.clearOutput();
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--list", "--config-users", "{\"weight\": 1}"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("locust: error: argument --config-users: The user config must specify a "
                + "user_class_name" + System.lineSeparator());
        locust.clearOutput();
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--list", "--config-users", "missing.json"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("locust: error: argument --config-users: [Errno 2] No such file or directory: "
                + "'missing.json'" + System.lineSeparator());
    }

    @Test
    void unknownClassesAndBadSettingsExitWithMinusOne() {
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--headless", "--config-users",
                "{\"user_class_name\": \"Nope\", \"weight\": 1}")).isEqualTo(-1);
        assertThat(err()).isEqualTo("Error applying user config, probably you tried to specify config for a User "
                + "not present in your locustfile: 'Nope'" + System.lineSeparator());
        locust.clearOutput();
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--headless", "--config-users",
                "{\"user_class_name\": \"MixedUser\", \"tasks\": [\"nope\"]}")).isEqualTo(-1);
        assertThat(err()).isEqualTo("Error applying user config: Unknown task 'nope' for user class MixedUser "
                + "(its tasks: ok, fail)" + System.lineSeparator());
        locust.clearOutput();
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--headless", "--config-users",
                "{\"user_class_name\": \"MixedUser\", \"weight\": -2}")).isEqualTo(-1);
        assertThat(err()).isEqualTo("Error applying user config: weight of MixedUser must be >= 0, got -2"
                + System.lineSeparator());
    }

    @Test
    void aHeadlessRunUsesTheSettings() {
        // GoodUser is in the locustfile but not selected: its settings are skipped, as Locust applies them to a
        // class that does not run
        assertThat(run("MixedUser", "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "2", "-r", "100",
                "-t", "1", "--json", "--only-summary", "--config-users",
                "[{\"user_class_name\": \"MixedUser\", \"tasks\": [\"ok\"]}, {\"user_class_name\": \"GoodUser\"}]"))
                .isZero();
        assertThat(out()).contains("/ok").doesNotContain("/fail").doesNotContain("/good");
    }
}
