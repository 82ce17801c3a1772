package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** LF-54, RUN-40: exceptions escaping tasks are counted and the users go on; exit codes follow Locust. */
class UserErrorsTest {

    static final AtomicInteger AFTER = new AtomicInteger();

    public static class Flaky extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.01); }
        @Task public void boom() { throw new IllegalStateException("kaboom"); }
        @Task public void fine() { AFTER.incrementAndGet(); }
    }

    public static class BadStart extends User {
        @Override public void onStart() { throw new IllegalArgumentException("cannot log in"); }
        @Task public void never() { AFTER.incrementAndGet(); }
    }

    public static class Clean extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.01); }
        @Task public void ok() {
            environment().events().request().fire(RequestEvent.success("custom", "ok", 1.5, 10));
        }
    }

    @Test
    void taskExceptionsAreCountedAndTheUserGoesOn() throws Exception {
        AFTER.set(0);
        Environment env = Environment.builder().userClasses(Flaky.class).build();
        List<Throwable> userErrors = new CopyOnWriteArrayList<>();
        env.events().userError().add(e -> userErrors.add(e.exception()));
        Runner r = env.createLocalRunner();
        r.start(2, 100);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((AFTER.get() < 5 || userErrors.size() < 5) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        r.quit();
        StatsSnapshot s = env.stats().snapshot();
        assertThat(s.exceptions()).singleElement().satisfies(x -> {
            assertThat(x.count()).isGreaterThanOrEqualTo(5);
            assertThat(x.message()).contains("kaboom");
            assertThat(x.traceback()).contains("Flaky.boom");
            assertThat(x.nodes()).containsExactly("local");
        });
        assertThat(AFTER.get()).isGreaterThanOrEqualTo(5);
        assertThat(userErrors).allMatch(t -> t instanceof IllegalStateException);
        assertThat(ExitCodes.compute(env, s, 1)).isEqualTo(1);
        assertThat(ExitCodes.compute(env, s, 0)).isEqualTo(0);
    }

    @Test
    void onStartFailureIsCountedAndTheUserEnds() throws Exception {
        AFTER.set(0);
        Environment env = Environment.builder().userClasses(BadStart.class).build();
        Runner r = env.createLocalRunner();
        r.start(3, 100);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((env.stats().snapshot().exceptions().stream().mapToLong(x -> x.count()).sum() < 3
                || r.userCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(r.userCount()).isZero();
        r.quit();
        assertThat(AFTER.get()).isZero();
        assertThat(env.stats().snapshot().exceptions()).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("cannot log in"));
    }

    @Test
    void exitCodeRules() throws Exception { // RUN-40
        Environment env = Environment.builder().userClasses(Clean.class).build();
        Runner r = env.createLocalRunner();
        r.start(2, 100);
        Thread.sleep(200);
        r.quit();
        StatsSnapshot s = env.stats().snapshot();
        assertThat(s.total().numRequests()).isPositive();
        assertThat(ExitCodes.compute(env, s, 1)).isZero();
        ((DefaultEnvironment) env).defaultEvents().flagUnhandledError();
        assertThat(ExitCodes.compute(env, s, 1)).isEqualTo(2);
        env.processExitCode(7);
        assertThat(ExitCodes.compute(env, s, 1)).isEqualTo(7);
    }

    @Test
    void throwingListenerIsLoggedAndTheRequestStillCounts() throws Exception { // EV-01 contract
        Environment env = Environment.builder().userClasses(Clean.class).build();
        env.events().request().add(e -> {
            throw new IllegalStateException("listener bug");
        });
        Runner r = env.createLocalRunner();
        r.start(1, 100);
        Thread.sleep(200);
        r.quit();
        StatsSnapshot s = env.stats().snapshot();
        assertThat(s.total().numRequests()).isPositive();
        assertThat(s.total().numFailures()).isZero();
        assertThat(ExitCodes.compute(env, s, 1)).isEqualTo(2);
    }
}
