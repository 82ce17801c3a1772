package dev.locustj.cli.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --max-users (LOCUST_MAX_USERS, max-users in locust.conf): -u and --config-users above it are usage errors. */
class MaxUsersTest {

    @TempDir
    Path dir;

    private InProcessLauncher locust;

    @BeforeEach
    void userCode() throws IOException {
        locust = new InProcessLauncher(dir);
    }

    private String oneLine() {
        String err = locust.err();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        locust.clearOutput();
        return err.strip();
    }

    @Test
    void usersAboveTheLimitAreAUsageError() {
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "11",
                "--max-users", "10")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo(
                "locust: error: argument -u/--users: 11 is above the limit of 10 users (set by --max-users)");
        assertThat(locust.run(Map.of("LOCUST_MAX_USERS", "5"), "-f", "tests.jar", "--skip-log-setup", "--headless",
                "-u", "6")).isEqualTo(2);
        assertThat(oneLine()).contains("6 is above the limit of 5 users");
        // at the limit nothing is said (--show-task-ratio ends before a run)
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "-u", "10", "--max-users", "10",
                "--show-task-ratio")).isZero();
    }

    @Test
    void theConfigFileKeyWorks() throws IOException {
        Files.writeString(dir.resolve("locust.conf"), "max-users = 3\n");
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "4"))
                .isEqualTo(2);
        assertThat(oneLine()).contains("4 is above the limit of 3 users");
    }

    @Test
    void theDefaultFollowsTheHeap() {
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "2000000000"))
                .isEqualTo(2);
        assertThat(oneLine()).startsWith("locust: error: argument -u/--users: 2000000000 is above the limit of ")
                .contains("what a maximum heap of", "12 KB per user", "--max-users");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--list", "--max-users", "0"))
                .isEqualTo(2);
        assertThat(oneLine()).isEqualTo("locust: error: argument --max-users: must be > 0, got 0");
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--list", "--max-users", "lots"))
                .isEqualTo(2);
        assertThat(oneLine()).contains("--max-users", "lots");
    }

    @Test
    void aFixedCountAboveTheLimitIsAUsageError() {
        assertThat(locust.run(Map.of(), "-f", "tests.jar", "--skip-log-setup", "--show-task-ratio", "--max-users",
                "5", "--config-users", "{\"user_class_name\": \"GoodUser\", \"fixed_count\": 6}")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("locust: error: argument --config-users: fixed_count of GoodUser: 6 is above "
                + "the limit of 5 users (set by --max-users)");
    }
}
