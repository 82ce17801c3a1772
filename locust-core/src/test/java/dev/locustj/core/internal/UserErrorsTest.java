package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    public static class BadConstructor extends User {
        public BadConstructor() { throw new IllegalStateException("no config"); }
        @Task public void never() { AFTER.incrementAndGet(); }
    }

    public static class BadStatic extends User {
        static final int VALUE = Integer.parseInt("not a number");
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
    void taskExceptionsAreLoggedAtErrorWithTheirTrace() throws Exception { // LF-54
        Logger logger = (Logger) LoggerFactory.getLogger("locust.user");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            AFTER.set(0);
            Environment env = Environment.builder().userClasses(Flaky.class).build();
            Runner r = env.createLocalRunner();
            r.start(1, 100);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (logged.list.stream().noneMatch(e -> e.getLevel() == Level.ERROR)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            r.quit();
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).first().satisfies(e -> {
            assertThat(e.getFormattedMessage()).isEqualTo("kaboom");
            assertThat(e.getThrowableProxy()).isNotNull();
            assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray())
                    .anyMatch(f -> f.getSTEAsString().contains("Flaky.boom"));
        });
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
    void aUserThatCannotBeCreatedIsOneErrorLineAndExitCodeTwo() throws Exception { // item: spawner failure
        for (Class<? extends User> c : List.of(BadConstructor.class, BadStatic.class)) {
            Logger logger = (Logger) LoggerFactory.getLogger("locust.runners");
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            logger.addAppender(logged);
            AFTER.set(0);
            Environment env = Environment.builder().userClasses(c).build();
            Runner r = env.createLocalRunner();
            try {
                r.start(5, 5);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (logged.list.stream().noneMatch(e -> e.getLevel() == Level.ERROR)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(300); // a ramp that went on would spawn (and log) again within this time
            } finally {
                r.quit();
                logger.detachAppender(logged);
            }
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .startsWith("Unhandled exception in the spawner: creating " + c.getName() + " failed")
                            .contains(c == BadStatic.class ? "NumberFormatException" : "no config")
                            .doesNotContain("\n"));
            assertThat(r.userCount()).isZero();
            StatsSnapshot s = env.stats().snapshot();
            assertThat(ExitCodes.compute(env, s, 1)).as(c.getSimpleName()).isEqualTo(2);
        }
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
