package dev.locustj.cli;

import dev.locustj.cli.JarRuns.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose users request a new name every time: the shaded jar warns once past {@code --max-names}, folds the
 * names past 10 times it into {@code (other)} per method, and every request is still in the CSV. Bounded by
 * {@code -i} and {@code -t}.
 */
class ManyNamesIT {

    private static final String UNIQUE_NAMES = """
            package demo;

            import dev.locustj.core.*;
            import java.util.concurrent.atomic.AtomicInteger;

            public class UniqueNames {
                static final AtomicInteger N = new AtomicInteger();

                public static class UniqueNameUser extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0); }
                    @Task public void item() {
                        int n = N.incrementAndGet();
                        if (n % 5 == 0) {
                            environment().events().request().fire(RequestEvent.failure("GET", "/item/" + n, 3, 0,
                                    new IllegalStateException("gone")));
                        } else {
                            environment().events().request().fire(RequestEvent.success("GET", "/item/" + n, 2, 10));
                        }
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void pastMaxNamesOneWarningThenNewNamesFoldIntoOtherAndNothingIsLost() throws Exception {
        Path jar = JarRuns.testsJar(dir, Map.of("demo/UniqueNames.java", UNIQUE_NAMES), "names.jar");
        Run r = JarRuns.finish(dir, "locust", JarRuns.start(dir, "locust", dir, List.of(), Map.of(),
                "-f", jar.toString(), "--headless", "-u", "4", "-r", "100", "-i", "3000", "-t", "20s",
                "--max-names", "20", "--csv", "names", "--only-summary", "--exit-code-on-error", "0"), 40);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(count(r.stderr(), "More than 20 distinct request names (--max-names)")).isEqualTo(1);
        assertThat(r.stderr()).contains("most new ones like '/item/[id]'")
                .contains("opt -> opt.name(\"/item/[id]\")")
                .contains("200 distinct request names reached (10 x --max-names)")
                .doesNotContain("Exception in thread");

        List<String> rows = Files.readAllLines(dir.resolve("names_stats.csv"));
        List<String> named = rows.stream().filter(l -> l.startsWith("GET,")).toList();
        assertThat(named).as("200 names and (other)").hasSize(201).anyMatch(l -> l.startsWith("GET,(other),"));
        long perName = named.stream().mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
        String agg = rows.stream().filter(l -> l.startsWith(",Aggregated,")).findFirst().orElseThrow();
        assertThat(Long.parseLong(agg.split(",")[2])).isEqualTo(3000).isEqualTo(perName);
        long failures = named.stream().mapToLong(l -> Long.parseLong(l.split(",")[3])).sum();
        assertThat(failures).isEqualTo(600);
        List<String> failureRows = Files.readAllLines(dir.resolve("names_failures.csv"));
        assertThat(failureRows).anyMatch(l -> l.startsWith("GET,(other),"));
        assertThat(failureRows.size() - 1).isLessThanOrEqualTo(201);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
