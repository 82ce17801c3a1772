package dev.locustj.cli.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    private static final List<String> NAMES = List.of("--users", "--spawn-rate", "--run-time", "--headless",
            "--host", "--csv", "--csv-full-history");

    @Test
    void suggestsTheClosestName() {
        assertThat(DidYouMean.closest("--userz", NAMES)).contains("--users");
        assertThat(DidYouMean.closest("--spawnrate", NAMES)).contains("--spawn-rate");
        assertThat(DidYouMean.closest("--headles", NAMES)).contains("--headless");
        assertThat(DidYouMean.closest("--csv-full", NAMES)).contains("--csv-full-history");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(DidYouMean.closest("--zzzzzzzzzzzz", NAMES)).isEmpty();
    }
}
