package dev.locustj.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitTimeTest {

    @Test
    void betweenStaysInRangeAndSpreads() { // LF-40
        WaitTime w = WaitTime.between(0.5, 1.5);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < 10_000; i++) {
            double s = w.next().toNanos() / 1e9;
            assertThat(s).isGreaterThanOrEqualTo(0.5).isLessThan(1.5);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        assertThat(min).isLessThan(0.6);
        assertThat(max).isGreaterThan(1.4);
    }

    @Test
    void constantIsConstant() { // LF-41
        assertThat(WaitTime.constant(2.5).next()).isEqualTo(Duration.ofMillis(2500));
        assertThat(WaitTime.none().next()).isEqualTo(Duration.ZERO);
    }

    @Test
    void constantPacingSubtractsTheTaskTime() throws InterruptedException { // LF-42
        WaitTime w = WaitTime.constantPacing(0.5);
        Thread.sleep(100); // the "task" took ~100 ms since construction
        Duration first = w.next();
        assertThat(first).isLessThanOrEqualTo(Duration.ofMillis(400)).isGreaterThan(Duration.ofMillis(200));
        // a task longer than the period gives no wait
        WaitTime w2 = WaitTime.constantPacing(0.05);
        Thread.sleep(80);
        assertThat(w2.next()).isEqualTo(Duration.ZERO);
    }

    @Test
    void constantThroughputIsPacingOfTheInverse() { // LF-43
        WaitTime w = WaitTime.constantThroughput(4);
        assertThat(w.next()).isLessThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void poissonHasTheRightMean() { // LF-44
        WaitTime w = WaitTime.poisson(10);
        double sum = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            sum += w.next().toNanos() / 1e9;
        }
        assertThat(sum / n).isBetween(0.095, 0.105);
    }

    @Test
    void badArgumentsAreConfigurationErrors() {
        assertThatThrownBy(() -> WaitTime.between(2, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WaitTime.constantThroughput(0)).isInstanceOf(ConfigurationException.class);
    }
}
