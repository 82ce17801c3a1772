package dev.locustj.core.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --max-users: starts above it are refused, shapes asking more are capped, the default follows the heap. */
class UserLimitTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Runner runner;

    public static class Idle extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(1); }
        @Task public void work() { }
    }

    /** Asks for ten users for a long time (the test quits the runner). */
    public static class TenUsers extends LoadTestShape {
        @Override
        public Optional<Tick> tick() {
            return runTime() < 60 ? Optional.of(Tick.of(10, 100)) : Optional.empty();
        }
    }

    @BeforeEach
    void setUp() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("locust.runners")).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger("locust.runners")).detachAppender(logs);
        if (runner != null) {
            runner.quit();
        }
    }

    @Test
    void aStartAboveTheLimitIsRefusedWithTheLimitInTheMessage() throws Exception {
        runner = Environment.builder().userClasses(Idle.class).options(Map.of("max-users", "3")).build()
                .createLocalRunner();
        assertThat(runner.maxUsers()).isEqualTo(3);
        assertThatThrownBy(() -> runner.start(1_000_000_000, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("user count 1000000000 is above the limit of 3 users (set by --max-users)");
        assertThat(runner.state()).isEqualTo(RunnerState.READY);
        runner.start(3, 100);
        LocalRunnerTest.await(() -> runner.userCount() == 3, Duration.ofSeconds(10));
        assertThatThrownBy(() -> runner.start(4, 100)).isInstanceOf(ConfigurationException.class);
        assertThat(runner.userCount()).isEqualTo(3);
    }

    @Test
    void theDefaultFollowsTheMaximumHeap() {
        runner = Environment.builder().userClasses(Idle.class).build().createLocalRunner();
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(runner.maxUsers()).isEqualTo((int) Math.min(Integer.MAX_VALUE, heap / (12 * 1024)));
        assertThatThrownBy(() -> runner.start(Integer.MAX_VALUE, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("user count 2147483647 is above the limit of " + runner.maxUsers()
                        + " users (what a maximum heap of " + (heap >> 20) + " MB holds at 12 KB per user; raise it "
                        + "with --max-users or a larger heap");
        assertThat(UserLimit.fromHeap(128L << 20, UserLimit.BYTES_PER_USER)).isGreaterThanOrEqualTo(10_000);
        assertThat(UserLimit.fromHeap(1, UserLimit.BYTES_PER_USER)).isEqualTo(1);
        assertThat(UserLimit.fromHeap(Long.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aBadOptionValueIsOneLine() {
        for (String bad : new String[] {"0", "-5", "many", "1e9"}) {
            assertThatThrownBy(() -> UserLimit.of(Map.of("max-users", bad), UserLimit.BYTES_PER_USER))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("--max-users must be");
        }
    }

    @Test
    void aShapeAskingMoreIsCappedWithAWarning() throws Exception {
        runner = Environment.builder().userClasses(Idle.class).shapeClass(TenUsers.class)
                .options(Map.of("max-users", "4", "headless", "false")).build().createLocalRunner();
        runner.startShape();
        LocalRunnerTest.await(() -> runner.userCount() == 4 && runner.state() == RunnerState.RUNNING,
                Duration.ofSeconds(10));
        assertThat(runner.userCount()).isEqualTo(4);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo(
                "The shape asks for 10 users, more than the limit of 4 (--max-users, by default what the heap "
                        + "holds): running 4"));
    }
}
