package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --max-names}: default, sources, and bad values as one line with exit code 2. */
class MaxNamesOptionTest {

    @TempDir
    Path cwd;
    @TempDir
    Path home;

    private LocustOptions parse(Map<String, String> env, String... args) {
        return new OptionsParser(env, cwd, Optional.of(home)).parse(args).options();
    }

    @Test
    void defaultIsOneThousandAndEveryOptionSourceSetsIt() throws IOException {
        assertThat(parse(Map.of()).maxNames()).isEqualTo(1000);
        assertThat(parse(Map.of(), "--max-names", "50").maxNames()).isEqualTo(50);
        assertThat(parse(Map.of("LOCUST_MAX_NAMES", "60")).maxNames()).isEqualTo(60);
        Files.writeString(cwd.resolve("locust.conf"), "max-names = 70\n");
        assertThat(parse(Map.of()).maxNames()).isEqualTo(70);
    }

    @Test
    void badValuesAreOneLineAndExitWith2() throws IOException {
        InProcessLauncher locust = new InProcessLauncher(cwd);
        for (String bad : new String[] {"0", "-5", "abc"}) {
            locust.clearOutput();
            assertThat(locust.run(Map.of(), "-f", "tests.jar", "--headless", "--max-names", bad)).as(bad)
                    .isEqualTo(2);
            assertThat(locust.err()).as(bad).hasLineCount(1).contains("--max-names").doesNotContain("Exception");
        }
        locust.clearOutput();
        assertThat(locust.run(Map.of("LOCUST_MAX_NAMES", "0"), "-f", "tests.jar", "--headless")).isEqualTo(2);
        assertThat(locust.err()).isEqualTo("locust: error: argument --max-names: must be a positive number, got 0"
                + System.lineSeparator());
    }
}
