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
import java.util.Optional;

import static dev.locustj.core.internal.LocalRunnerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a local runner clears its stats: a start from stopped clears them (Locust's {@code clear_all}, RUN-03).
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

    private static long requests(StatsSnapshot s, String name) {
        Optional<StatsEntrySnapshot> e = s.entries().stream().filter(x -> x.name().equals(name)).findFirst();
        return e.map(StatsEntrySnapshot::numRequests).orElse(0L);
    }
}
