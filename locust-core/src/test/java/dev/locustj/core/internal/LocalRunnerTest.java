package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.Message;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.SequentialTaskSet;
import dev.locustj.core.StopUser;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunnerTest {

    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger STOPS = new AtomicInteger();
    static final AtomicInteger TASKS = new AtomicInteger();
    static final AtomicInteger FINISHED_SLOW = new AtomicInteger();
    static final List<Long> SPAWN_TIMES = new CopyOnWriteArrayList<>();
    static final ConcurrentLinkedQueue<String> TRACE = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void reset() {
        STARTS.set(0);
        STOPS.set(0);
        TASKS.set(0);
        FINISHED_SLOW.set(0);
        SPAWN_TIMES.clear();
        TRACE.clear();
    }

    public static class Idle extends User {
        @Override public void onStart() { STARTS.incrementAndGet(); SPAWN_TIMES.add(System.nanoTime()); }
        @Override public void onStop() { STOPS.incrementAndGet(); }
        @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
        @Task public void work() { TASKS.incrementAndGet(); }
    }

    @Weight(3)
    public static class Heavy extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(1); }
        @Task public void work() { }
    }

    public static class Slow extends User {
        @Override public void onStop() { STOPS.incrementAndGet(); }
        @Task public void slow() throws InterruptedException {
            TRACE.add("begin");
            Thread.sleep(400);
            FINISHED_SLOW.incrementAndGet();
        }
    }

    public static class Nested extends User {
        @Task public void top() { TRACE.add("top"); }

        @Task(3)
        public static class Inner extends TaskSet<Nested> {
            @Override public void onStart() { TRACE.add("inner-start"); }
            @Override public void onStop() { TRACE.add("inner-stop"); }
            @Task public void once() { TRACE.add("inner"); interrupt(); }
        }
    }

    public static class Sequential extends User {
        @Task
        public static class Steps extends SequentialTaskSet<Sequential> {
            @Task public void a() { TRACE.add("a"); }
            @Task(2) public void b() { TRACE.add("b"); }
            @Task public void c() { TRACE.add("c"); user().stop(); }
        }
    }

    public static class Quitter extends User {
        @Override public void onStop() { STOPS.incrementAndGet(); }
        @Task public void work() {
            if (TASKS.incrementAndGet() >= 3) {
                throw new StopUser();
            }
        }
    }

    public static class Counter extends User {
        @Task public void work() { TASKS.incrementAndGet(); }
    }

    public static class Steps extends LoadTestShape {
        @Override
        public Optional<Tick> tick() {
            double t = runTime();
            if (t < 1.2) {
                return Optional.of(Tick.of(2, 100));
            }
            if (t < 2.4) {
                return Optional.of(Tick.of(4, 100));
            }
            return Optional.empty();
        }
    }

    private static Runner runner(Environment.Builder b) {
        return b.build().createLocalRunner();
    }

    static void await(BooleanSupplier cond, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void spawnsUsersAndPairsOnStartWithOnStop() throws Exception { // RUN-01, LF-20
        Runner r = runner(Environment.builder().userClasses(Idle.class));
        assertThat(r.state()).isEqualTo(RunnerState.READY);
        r.start(20, 100);
        await(() -> r.state() == RunnerState.RUNNING, Duration.ofSeconds(5));
        assertThat(r.userCount()).isEqualTo(20);
        await(() -> TASKS.get() > 40, Duration.ofSeconds(5));
        r.stop();
        assertThat(r.state()).isEqualTo(RunnerState.STOPPED);
        assertThat(r.userCount()).isZero();
        assertThat(STARTS.get()).isEqualTo(20);
        assertThat(STOPS.get()).isEqualTo(20);
        r.quit();
        assertThat(r.await(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void rampIsPacedBySpawnRate() throws Exception { // RUN-10: 6 users at 3/s = steps of 3, 1 s apart
        Runner r = runner(Environment.builder().userClasses(Idle.class));
        r.start(6, 3);
        await(() -> r.state() == RunnerState.RUNNING && SPAWN_TIMES.size() == 6, Duration.ofSeconds(10));
        List<Long> times = new ArrayList<>(SPAWN_TIMES);
        Collections.sort(times);
        // the second step cannot start before one interval (a lower bound, robust on a busy machine)
        assertThat(times.get(5) - times.get(0)).isGreaterThanOrEqualTo(900_000_000L);
        r.quit();
    }

    @Test
    void rampDownRemovesUsersAndEditKeepsRunning() throws Exception { // RUN-02, RUN-11
        Runner r = runner(Environment.builder().userClasses(Idle.class, Heavy.class));
        r.start(8, 100);
        await(() -> r.state() == RunnerState.RUNNING, Duration.ofSeconds(5));
        assertThat(r.userClassesCount()).isEqualTo(Map.of("Heavy", 6, "Idle", 2));
        r.start(4, 100);
        await(() -> r.state() == RunnerState.RUNNING && r.userCount() == 4, Duration.ofSeconds(5));
        assertThat(r.userClassesCount()).isEqualTo(Map.of("Heavy", 3, "Idle", 1));
        r.quit();
    }

    @Test
    void gracefulStopLetsTheTaskFinish() throws Exception { // RUN-21
        Runner r = runner(Environment.builder().userClasses(Slow.class).stopTimeout(Duration.ofSeconds(5)));
        r.start(3, 100);
        await(() -> TRACE.size() >= 3, Duration.ofSeconds(5));
        r.stop();
        assertThat(FINISHED_SLOW.get()).isGreaterThanOrEqualTo(3);
        assertThat(STOPS.get()).isEqualTo(3);
        r.quit();
    }

    @Test
    void stopWithoutTimeoutInterruptsAtOnceButStillRunsOnStop() throws Exception { // RUN-21
        Runner r = runner(Environment.builder().userClasses(Slow.class));
        r.start(3, 100);
        await(() -> TRACE.size() >= 3, Duration.ofSeconds(5));
        r.stop();
        assertThat(FINISHED_SLOW.get()).isZero();
        assertThat(STOPS.get()).isEqualTo(3);
        r.quit();
    }

    @Test
    void nestedTaskSetRunsAndInterruptReturnsToParent() throws Exception { // LF-51
        Runner r = runner(Environment.builder().userClasses(Nested.class));
        r.start(1, 10);
        await(() -> TRACE.stream().filter("inner-stop"::equals).count() >= 3, Duration.ofSeconds(5));
        r.quit();
        List<String> trace = new ArrayList<>(TRACE);
        int i = trace.indexOf("inner-start");
        assertThat(trace.subList(i, i + 3)).containsExactly("inner-start", "inner", "inner-stop");
    }

    @Test
    void sequentialTaskSetRunsInOrderWithRepeats() throws Exception { // LF-55
        Runner r = runner(Environment.builder().userClasses(Sequential.class));
        r.start(1, 10);
        await(() -> r.userCount() == 0 && TRACE.contains("c"), Duration.ofSeconds(5));
        assertThat(new ArrayList<>(TRACE)).containsExactly("a", "b", "b", "c");
        r.quit();
    }

    @Test
    void stopUserEndsOnlyThatUser() throws Exception { // LF-52
        Runner r = runner(Environment.builder().userClasses(Quitter.class));
        r.start(1, 10);
        await(() -> STOPS.get() == 1, Duration.ofSeconds(5));
        await(() -> r.userCount() == 0, Duration.ofSeconds(5)); // on_stop runs before the user leaves the count
        assertThat(r.userCount()).isZero();
        r.quit();
    }

    @Test
    void iterationLimitStopsAfterExactlyNTasksAndQuits() throws Exception { // ASK-08, CLI-58
        Runner r = runner(Environment.builder().userClasses(Counter.class).iterations(500));
        r.start(10, 100);
        assertThat(r.await(Duration.ofSeconds(10))).isTrue();
        assertThat(TASKS.get()).isEqualTo(500);
    }

    @Test
    void loadShapeDrivesUserCountAndEndsTheTest() throws Exception { // LF-70..72
        Runner r = runner(Environment.builder().userClasses(Idle.class).shapeClass(Steps.class));
        r.startShape();
        await(() -> r.userCount() == 2, Duration.ofSeconds(3));
        await(() -> r.userCount() == 4, Duration.ofSeconds(4));
        assertThat(r.await(Duration.ofSeconds(5))).isTrue();
        assertThat(r.state()).isEqualTo(RunnerState.STOPPED);
    }

    @Test
    void customMessagesAreDeliveredLocally() { // LF-83
        Runner r = runner(Environment.builder().userClasses(Idle.class));
        List<Message> got = new ArrayList<>();
        r.registerMessage("hello", (env, msg) -> got.add(msg));
        r.sendMessage("hello", Optional.of(Map.of("x", 1)));
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.nodeId()).isEqualTo("local");
            assertThat(m.data()).contains(Map.of("x", 1));
        });
    }

    @Test
    void eventsFireInLifecycleOrder() throws Exception { // EV-07, EV-12..14
        Environment env = Environment.builder().userClasses(Idle.class).build();
        List<String> events = new CopyOnWriteArrayList<>();
        env.events().testStart().add(e -> events.add("test_start"));
        env.events().spawningComplete().add(e -> events.add("spawning_complete:" + e.userCount()));
        env.events().testStopping().add(e -> events.add("test_stopping"));
        env.events().testStop().add(e -> events.add("test_stop"));
        Runner r = env.createLocalRunner();
        r.start(3, 100);
        await(() -> events.size() >= 2, Duration.ofSeconds(5));
        r.quit();
        assertThat(events).containsExactly("test_start", "spawning_complete:3", "test_stopping", "test_stop");
    }
}
