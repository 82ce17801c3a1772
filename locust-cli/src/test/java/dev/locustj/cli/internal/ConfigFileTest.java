package dev.locustj.cli.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFileTest {

    @Test
    void readsLocustSyntax() {
        List<String> lines = List.of(
                "# a comment",
                "; another comment",
                "[section]",
                "locustfile = tests.jar",
                "host: http://127.0.0.1:8080",
                "users 10",
                "--spawn-rate = 2.5",
                "headless",
                "run-time = 1m  # trailing comment",
                "tags = [a, 'b', \"c\"]",
                "exclude-tags = []",
                "");
        Map<String, ConfigFile.Entry> m = ConfigFile.byKey(ConfigFile.parse(lines, Path.of("locust.conf")));
        assertThat(m.get("locustfile").value()).isEqualTo("tests.jar");
        assertThat(m.get("host").value()).isEqualTo("http://127.0.0.1:8080");
        assertThat(m.get("users").value()).isEqualTo("10");
        assertThat(m.get("spawn-rate").value()).isEqualTo("2.5");
        assertThat(m.get("headless").value()).isEqualTo("true");
        assertThat(m.get("run-time").value()).isEqualTo("1m");
        assertThat(m.get("tags").value()).isEqualTo("a,b,c");
        assertThat(m.get("exclude-tags").value()).isEmpty();
        assertThat(m.get("users").where()).isEqualTo("locust.conf:6");
        assertThat(m).doesNotContainKey("section");
    }

    @Test
    void laterEntriesWin() {
        Map<String, ConfigFile.Entry> m = ConfigFile.byKey(ConfigFile.parse(List.of("users = 1", "users = 2"),
                Path.of("x")));
        assertThat(m.get("users").value()).isEqualTo("2");
    }
}
