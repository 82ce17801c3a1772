package dev.locustj.core.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users whose task never blocks hold the carriers of the virtual-thread scheduler for good: the runner's own threads
 * must not need one, and a stop abandons such users after the stop timeout and the kill grace, with a warning.
 */
class BusyUsersTest {

    /** Ends the spinning tasks after each test, so no thread outlives it. */
    static volatile boolean release;
    static final AtomicLong SPINS = new AtomicLong();

    public static class Spinner extends User {
        @Override public WaitTime waitTime() { return WaitTime.none(); }
        @Task public void spin() {
            while (!release) {
                SPINS.incrementAndGet();
            }
        }
    }

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ch.qos.logback.classic.Logger runners =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("locust.runners");

    @BeforeEach
    void capture() {
        release = false;
        SPINS.set(0);
        log.start();
        runners.addAppender(log);
    }

    @AfterEach
    void releaseSpinners() {
        release = true;
        runners.detachAppender(log);
    }

    /** More busy users than carriers, so that nothing virtual gets to run any more. */
    private static int busyUsers() {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        return carriers + 2;
    }

    @Test
    void quitAbandonsUsersThatNeverYieldAndNamesTheirClassAndTask() throws Exception {
        Runner r = Environment.builder().userClasses(Spinner.class).build().createLocalRunner();
        int n = busyUsers();
        r.start(n, n); // all in one step
        LocalRunnerTest.await(() -> r.userCount() == n && SPINS.get() > 0, Duration.ofSeconds(10));
        Thread.sleep(300); // the spawner's own work after the step runs on an internal thread, not a carrier

        long t0 = System.nanoTime();
        Thread quit = Thread.ofPlatform().name("test-quit").start(r::quit);
        quit.join(Duration.ofSeconds(20));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(quit.isAlive()).as("quit() returned within 20 s").isFalse();
        // bounded by the kill grace (2 s) for all users together, not 10 s per user
        assertThat(millis).isLessThan(LocalRunner.KILL_GRACE.toMillis() + 4000);
        assertThat(r.await(Duration.ofSeconds(1))).isTrue();
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith(n + " users did not stop within 2.0 s (--stop-timeout 0 s)")
                    .contains("Spinner in task spin").contains("abandoned"); // how many got a carrier varies
        });
    }

    @Test
    void aStopTimeoutIsWaitedForBeforeTheUsersAreKilledAndAbandoned() throws Exception {
        Runner r = Environment.builder().userClasses(Spinner.class).stopTimeout(Duration.ofSeconds(1)).build()
                .createLocalRunner();
        r.start(1, 1);
        LocalRunnerTest.await(() -> SPINS.get() > 0, Duration.ofSeconds(10));
        Thread quit = Thread.ofPlatform().name("test-quit").start(r::quit);
        quit.join(Duration.ofSeconds(20));
        assertThat(quit.isAlive()).isFalse();
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("Not all users finished their tasks & terminated in 1 seconds. Killing them...")
                .anySatisfy(m -> assertThat(m).startsWith("1 user did not stop within 3.0 s (--stop-timeout 1 s): "
                        + "Spinner in task spin. A task that never blocks cannot be interrupted; it is abandoned"));
    }
}
