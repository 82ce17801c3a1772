package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.locustj.core.internal.LocalRunnerTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * When a local runner clears and resets its stats: a start from stopped clears them (Locust's {@code clear_all},
 * RUN-03), {@code --reset-stats} zeroes them once the ramp is complete (RUN-17, Locust's {@code reset_all}).
 */
@Timeout(30)
class StatsLifecycleTest {

    /** Requests {@code /a}. */
    public static class AUser extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
        @Task public void a() {
            environment().events().request().fire(RequestEvent.success("GET", "/a", 1, 1));
        }
    }

    /** Requests {@code /b}. */
    public static class BUser extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
        @Task public void b() {
            environment().events().request().fire(RequestEvent.success("GET", "/b", 1, 1));
        }
    }

    static final AtomicInteger STARTED = new AtomicInteger();

    /** The first two request {@code /ramp} once as they start; all request {@code /steady}. */
    public static class RampUser extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
        @Override public void onStart() {
            if (STARTED.incrementAndGet() <= 2) {
                environment().events().request().fire(RequestEvent.success("GET", "/ramp", 1, 1));
            }
        }
        @Task public void steady() {
            environment().events().request().fire(RequestEvent.success("GET", "/steady", 1, 1));
        }
    }

    @Test
    void aStartFromStoppedClearsTheNamesOfTheEarlierRun() throws Exception { // RUN-03
        Environment env = Environment.builder().userClasses(AUser.class, BUser.class).build();
        Runner r = env.createLocalRunner();
        try {
            r.start(1, 100, List.of(AUser.class));
            await(() -> requests(env.stats().snapshot(), "/a") > 3, Duration.ofSeconds(10));
            r.stop();
            assertThat(r.state()).isEqualTo(RunnerState.STOPPED);

            r.start(1, 100, List.of(BUser.class));
            await(() -> requests(env.stats().snapshot(), "/b") > 3, Duration.ofSeconds(10));
            r.stop();
            StatsSnapshot s = env.stats().snapshot();
            assertThat(s.entries()).extracting(StatsEntrySnapshot::name).containsExactly("/b");
            assertThat(s.total().numRequests()).isEqualTo(requests(s, "/b"));
        } finally {
            r.quit();
        }
    }

    @Test
    void resetStatsZeroesWhatTheRampRecordedOnceSpawningIsComplete() throws Exception { // RUN-17
        // 3 users at 2/s: 2 start at once and request /ramp, the third a second later, then the ramp is complete
        Map<String, Long> withReset = rampThenRun(true);
        assertThat(withReset.get("/ramp")).isZero();
        assertThat(withReset.get("/steady")).isPositive();
        // a request recorded while the reset runs may land in one of its entry and Aggregated only (one per user)
        assertThat(withReset.get("Aggregated")).isCloseTo(withReset.get("/steady"), within(3L));

        Map<String, Long> without = rampThenRun(false);
        assertThat(without.get("/ramp")).isEqualTo(2);
        assertThat(without.get("Aggregated")).isEqualTo(2 + without.get("/steady"));
    }

    /** Ramps 3 RampUsers, lets them run a little, stops: requests per name and "Aggregated". */
    private static Map<String, Long> rampThenRun(boolean resetStats) throws InterruptedException {
        STARTED.set(0);
        Environment env = Environment.builder().userClasses(RampUser.class).resetStats(resetStats).build();
        Runner r = env.createLocalRunner();
        try {
            r.start(3, 2);
            await(() -> r.state() == RunnerState.RUNNING, Duration.ofSeconds(10));
            if (resetStats) { // reset_all keeps the names, zeroed
                await(() -> env.stats().snapshot().entries().stream()
                        .anyMatch(e -> e.name().equals("/ramp") && e.numRequests() == 0), Duration.ofSeconds(10));
            }
            await(() -> requests(env.stats().snapshot(), "/steady") > 10, Duration.ofSeconds(10));
            r.stop();
            StatsSnapshot s = env.stats().snapshot();
            return Map.of("/ramp", requests(s, "/ramp"), "/steady", requests(s, "/steady"),
                    "Aggregated", s.total().numRequests());
        } finally {
            r.quit();
        }
    }

    private static long requests(StatsSnapshot s, String name) {
        Optional<StatsEntrySnapshot> e = s.entries().stream().filter(x -> x.name().equals(name)).findFirst();
        return e.map(StatsEntrySnapshot::numRequests).orElse(0L);
    }
}
