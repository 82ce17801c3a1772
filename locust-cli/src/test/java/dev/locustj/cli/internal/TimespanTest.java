package dev.locustj.cli.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimespanTest {

    @Test
    void bareNumberIsSeconds() {
        assertThat(Timespan.parse("20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Timespan.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void unitsCombineInOrder() {
        assertThat(Timespan.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timespan.parse("20m")).isEqualTo(Duration.ofMinutes(20));
        assertThat(Timespan.parse("3h")).isEqualTo(Duration.ofHours(3));
        assertThat(Timespan.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Timespan.parse("3h30m10s")).isEqualTo(Duration.ofSeconds(3 * 3600 + 30 * 60 + 10));
    }

    @Test
    void rejectsWhatLocustRejects() {
        for (String bad : new String[] {"", "x", "5x", "1m2h", "1.5s", "-3", "h", "10 s"}) {
            assertThatThrownBy(() -> Timespan.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Valid formats");
        }
    }
}
