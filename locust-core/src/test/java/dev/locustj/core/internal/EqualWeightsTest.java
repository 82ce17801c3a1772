package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.FixedCount;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** LF-59 {@code --equal-weights}, as Locust's {@code assign_equal_weights}: nested TaskSets flattened, fixed counts kept. */
class EqualWeightsTest {

    static final Set<String> RAN = ConcurrentHashMap.newKeySet();
    static final AtomicInteger WRONG_USER = new AtomicInteger();

    @Weight(5)
    public static class Nested extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.001); }
        @Task(10) public void top() { RAN.add("top"); }

        @Task(3)
        public static class Outer extends TaskSet<Nested> {
            @Task(7) public void outerTask() { check(user()); RAN.add("outerTask"); }

            @Task
            public static class Inner extends TaskSet<Nested> {
                @Task public void innerTask() { check(user()); RAN.add("innerTask"); }
            }
        }

        static void check(User u) {
            if (!(u instanceof Nested)) {
                WRONG_USER.incrementAndGet();
            }
        }
    }

    @FixedCount(2)
    public static class Fixed extends User {
        @Task public void t() { }
    }

    @Test
    void nestedTaskSetsAreFlattenedIntoOneListOfMethodsWithWeightOne() throws Exception {
        TaskModel m = TaskModel.of(Nested.class, Set.of(), Set.of(), true);
        assertThat(m.tasks()).extracting(TaskModel.TaskDef::name)
                .containsExactlyInAnyOrder("top", "outerTask", "innerTask");
        assertThat(m.tasks()).allMatch(t -> t instanceof TaskModel.MethodTask && t.weight() == 1);

        RAN.clear();
        WRONG_USER.set(0);
        Environment env = Environment.builder().userClasses(Nested.class).equalWeights(true).build();
        Runner r = env.createLocalRunner();
        try {
            r.start(1, 10);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (RAN.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            r.quit();
        }
        assertThat(RAN).containsExactlyInAnyOrder("top", "outerTask", "innerTask");
        assertThat(WRONG_USER).hasValue(0);
        assertThat(env.stats().snapshot().exceptions()).isEmpty();
    }

    @Test
    void weightsBecomeOneAndFixedCountsStay() {
        DefaultEnvironment env = (DefaultEnvironment) Environment.builder().userClasses(Nested.class, Fixed.class)
                .equalWeights(true).build();
        assertThat(env.weight(Nested.class)).isEqualTo(1);
        assertThat(env.fixedCount(Fixed.class)).isEqualTo(2);
    }
}
