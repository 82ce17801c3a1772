package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Users give up their thread while they wait between top-level tasks (UserLoop parking; LF-20, RUN-20/21). */
class UserParkingTest {

    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger STOPS = new AtomicInteger();
    static final AtomicInteger TASKS = new AtomicInteger();
    static final Map<Long, List<Thread>> THREADS = new ConcurrentHashMap<>();
    static final Set<Thread> INNER_THREADS = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void reset() {
        STARTS.set(0);
        STOPS.set(0);
        TASKS.set(0);
        THREADS.clear();
        INNER_THREADS.clear();
    }

    /** Records the thread of every task, per user; waits 0.6 s (parks). */
    public static class Waiter extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.6); }
        @Override public void onStart() { STARTS.incrementAndGet(); }
        @Override public void onStop() { STOPS.incrementAndGet(); }
        @Task public void work() {
            THREADS.computeIfAbsent(id(), k -> new CopyOnWriteArrayList<>()).add(Thread.currentThread());
            TASKS.incrementAndGet();
        }
        long id() { return System.identityHashCode(this); }
    }

    /** Waits 30 s after each task: a stop must not wait for that. */
    public static class Sleeper extends Waiter {
        @Override public WaitTime waitTime() { return WaitTime.constant(30); }
    }

    /** Waits 20 ms: below the threshold, keeps its thread. */
    public static class Quick extends Waiter {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
    }

    /** A TaskSet whose own waits (0.6 s) sleep on the thread; the user's wait after it parks. */
    public static class WithTaskSet extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.6); }
        @Override public void onStop() { STOPS.incrementAndGet(); }
        @Task
        public static class Inner extends TaskSet<WithTaskSet> {
            int runs;
            @Override public WaitTime waitTime() { return WaitTime.constant(0.6); }
            @Task public void step() {
                INNER_THREADS.add(Thread.currentThread());
                TASKS.incrementAndGet();
                if (++runs == 2) {
                    interrupt(false); // back to the user, which then waits (and parks)
                }
            }
        }
    }

    private static void await(BooleanSupplier cond, Duration max) throws InterruptedException {
        LocalRunnerTest.await(cond, max);
    }

    @Test
    void aWaitingUserHoldsNoThreadAndGoesOnInANewOne() throws Exception {
        Runner r = Environment.builder().userClasses(Waiter.class).build().createLocalRunner();
        r.start(20, 100);
        await(() -> THREADS.size() == 20 && THREADS.values().stream().allMatch(l -> l.size() >= 3),
                Duration.ofSeconds(20));
        for (List<Thread> threads : THREADS.values()) {
            assertThat(threads.get(0)).isNotSameAs(threads.get(1));
            assertThat(threads.get(0).isAlive()).as("the thread of a finished task ended").isFalse();
            assertThat(threads.get(0).isVirtual()).isTrue();
            assertThat(threads.get(0).getName()).isEqualTo(threads.get(1).getName()).startsWith("user-Waiter-");
        }
        r.stop();
        assertThat(STARTS.get()).isEqualTo(20);
        assertThat(STOPS.get()).isEqualTo(20);
        assertThat(r.userCount()).isZero();
        r.quit();
    }

    @Test
    void stopWakesParkedUsersAtOnceAndRunsOnStop() throws Exception {
        Runner r = Environment.builder().userClasses(Sleeper.class).stopTimeout(Duration.ofSeconds(60))
                .build().createLocalRunner();
        r.start(50, 1000);
        await(() -> TASKS.get() == 50, Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        r.stop(); // graceful stop with a 60-s timeout: parked users end at once, not after their 30-s wait
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.state()).isEqualTo(RunnerState.STOPPED);
        assertThat(STOPS.get()).isEqualTo(50);
        assertThat(TASKS.get()).isEqualTo(50);
        r.quit();
    }

    @Test
    void forcedStopAndRampDownAlsoReachParkedUsers() throws Exception {
        Runner r = Environment.builder().userClasses(Sleeper.class).build().createLocalRunner();
        r.start(10, 1000);
        await(() -> TASKS.get() == 10, Duration.ofSeconds(10));
        r.start(4, 1000); // ramp down parked users
        await(() -> r.userCount() == 4 && STOPS.get() == 6, Duration.ofSeconds(10));
        r.quit();
        assertThat(r.await(Duration.ofSeconds(10))).isTrue();
        assertThat(STOPS.get()).isEqualTo(10);
        assertThat(STARTS.get()).isEqualTo(10);
    }

    @Test
    void shortWaitsKeepTheThread() throws Exception {
        Runner r = Environment.builder().userClasses(Quick.class).build().createLocalRunner();
        r.start(3, 100);
        await(() -> THREADS.size() == 3 && THREADS.values().stream().allMatch(l -> l.size() >= 5),
                Duration.ofSeconds(10));
        for (List<Thread> threads : THREADS.values()) {
            assertThat(Set.copyOf(threads.subList(0, 5))).hasSize(1);
        }
        r.quit();
    }

    @Test
    void waitsInsideATaskSetSleepOnTheThreadAndTheUserParksAfterIt() throws Exception {
        Runner r = Environment.builder().userClasses(WithTaskSet.class).build().createLocalRunner();
        r.start(2, 100);
        await(() -> TASKS.get() >= 8, Duration.ofSeconds(20)); // 2 users x 2 passes through the TaskSet x 2 steps
        // each pass through the TaskSet (2 steps, a sleep between) runs on one thread; passes differ
        assertThat(INNER_THREADS.size()).isBetween(4, TASKS.get() / 2 + 2);
        r.quit();
        assertThat(r.await(Duration.ofSeconds(10))).isTrue();
        assertThat(STOPS.get()).isEqualTo(2);
    }
}
