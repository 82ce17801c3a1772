package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.FixedCount;
import dev.locustj.core.Host;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LF-81 {@code Environment.updateUserClass}: weights, fixed counts, host and task lists changed at run time. */
class UpdateUserClassTest {

    static final Map<String, AtomicInteger> PICKS = new ConcurrentHashMap<>();
    static final AtomicInteger TOTAL = new AtomicInteger();
    static final List<String> HOSTS = new CopyOnWriteArrayList<>();

    private Runner runner;

    @BeforeEach
    void reset() {
        PICKS.clear();
        TOTAL.set(0);
        HOSTS.clear();
    }

    @AfterEach
    void quit() {
        if (runner != null) {
            runner.quit();
        }
    }

    static void pick(String name) {
        PICKS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        TOTAL.incrementAndGet();
    }

    public static class Alpha extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.005); }
        @Task public void one() { pick("one"); }
        @Task public void two() { pick("two"); }

        @Task
        public static class Browse extends TaskSet<Alpha> {
            @Task public void inside() { pick("inside"); interrupt(); }
        }
    }

    @Host("http://annotated.invalid")
    public static class Beta extends User {
        @Override public void onStart() { HOSTS.add(host()); }
        @Override public WaitTime waitTime() { return WaitTime.constant(1); }
        @Task public void idle() { }
    }

    @Weight(2)
    @FixedCount(0)
    public static class Gamma extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(1); }
        @Task public void idle() { }
    }

    private static DefaultEnvironment env(Environment.Builder b) {
        return (DefaultEnvironment) b.build();
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void newWeightsChangeTheNextSpawnSplit() throws InterruptedException {
        DefaultEnvironment env = env(Environment.builder().userClasses(Beta.class, Gamma.class));
        runner = env.createLocalRunner();
        runner.start(6, 1000);
        await(() -> runner.userCount() == 6);
        assertThat(runner.userClassesCount()).isEqualTo(Map.of("Beta", 2, "Gamma", 4));

        env.updateUserClass(UserClassSettings.of("Beta").withWeight(5));
        env.updateUserClass(UserClassSettings.of("Gamma").withWeight(1));
        assertThat(env.weight(Beta.class)).isEqualTo(5);
        runner.start(6, 1000);
        await(() -> runner.userClassesCount().equals(Map.of("Beta", 5, "Gamma", 1)));
        assertThat(runner.userCount()).isEqualTo(6);
    }

    @Test
    void fixedCountFromAnUpdateComesFirst() throws InterruptedException {
        DefaultEnvironment env = env(Environment.builder().userClasses(Beta.class, Gamma.class));
        env.updateUserClass(UserClassSettings.of("Gamma").withFixedCount(1));
        runner = env.createLocalRunner();
        runner.start(4, 1000);
        await(() -> runner.userCount() == 4);
        assertThat(runner.userClassesCount()).isEqualTo(Map.of("Beta", 3, "Gamma", 1));
    }

    @Test
    void runningUsersPickFromTheNewTaskListAtTheirNextTask() throws InterruptedException {
        DefaultEnvironment env = env(Environment.builder().userClasses(Alpha.class));
        runner = env.createLocalRunner();
        runner.start(3, 1000);
        await(() -> PICKS.containsKey("one") && PICKS.containsKey("two") && PICKS.containsKey("inside"));

        env.updateUserClass(UserClassSettings.of("Alpha").withTasks(List.of("two", "Browse")));
        int after = TOTAL.get();
        await(() -> TOTAL.get() > after + 30); // let tasks that were running end
        PICKS.clear();
        int base = TOTAL.get();
        await(() -> TOTAL.get() > base + 100);
        assertThat(PICKS.keySet()).containsExactlyInAnyOrder("two", "inside");
        assertThat(runner.userCount()).isEqualTo(3); // the same users, not respawned
        assertThat(env.userClassSettings("Alpha").tasks()).contains(List.of("two", "Browse"));
    }

    @Test
    void updatedHostWinsForUsersCreatedAfterwards() throws InterruptedException {
        DefaultEnvironment env = env(Environment.builder().userClasses(Beta.class));
        runner = env.createLocalRunner();
        runner.start(1, 1000);
        await(() -> HOSTS.size() == 1);
        env.updateUserClass(UserClassSettings.of("Beta").withHost("http://updated.invalid"));
        runner.start(2, 1000);
        await(() -> HOSTS.size() == 2);
        assertThat(HOSTS).containsExactly("http://annotated.invalid", "http://updated.invalid");
        assertThat(env.userClassSettings("Beta").host()).contains("http://updated.invalid");

        env.updateUserClass(UserClassSettings.of("Beta").withHost("")); // removes the class host
        assertThat(env.userHost(Beta.class)).isEmpty();
        assertThat(env.userClassSettings("Beta").host()).isEmpty();
    }

    @Test
    void hostOptionIsCopiedOntoTheClassesAtEachStartLikeLocust() throws InterruptedException {
        DefaultEnvironment env = env(Environment.builder().userClasses(Beta.class).host("http://cli.invalid"));
        env.updateUserClass(UserClassSettings.of("Beta").withHost("http://before-start.invalid"));
        runner = env.createLocalRunner();
        runner.start(1, 1000); // Locust: user_class.host = environment.host at start
        await(() -> HOSTS.size() == 1);
        assertThat(HOSTS).containsExactly("http://cli.invalid");

        // set after the start, the class host wins for users created afterwards, as a class attribute would
        env.updateUserClass(UserClassSettings.of("Beta").withHost("http://after-start.invalid"));
        assertThat(env.userHost(Beta.class)).isEqualTo("http://after-start.invalid");
    }

    @Test
    void badSettingsAreRejectedWithOneClearMessage() {
        DefaultEnvironment env = env(Environment.builder().userClasses(Alpha.class, Beta.class));
        assertThatThrownBy(() -> env.updateUserClass(UserClassSettings.of("Nope").withWeight(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown user class 'Nope' (available: Alpha, Beta)");
        assertThatThrownBy(() -> env.updateUserClass(UserClassSettings.of("Alpha").withTasks(List.of("one", "x"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown task 'x' for user class Alpha (its tasks: one, two, Browse)");
        assertThatThrownBy(() -> env.updateUserClass(UserClassSettings.of("Alpha").withTasks(List.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("tasks of user class Alpha must keep at least one of its tasks");
        assertThatThrownBy(() -> UserClassSettings.of("Alpha").withWeight(-1))
                .isInstanceOf(ConfigurationException.class).hasMessage("weight of Alpha must be >= 0, got -1");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("user_class_name", "Alpha");
        custom.put("wait_time", 3);
        assertThatThrownBy(() -> env.updateUserClass(custom))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Cannot set wait_time on user class Alpha: only host, weight, fixed_count and tasks can "
                        + "be changed");
        // nothing was applied by the failed calls
        assertThat(env.userClassSettings("Alpha").tasks()).contains(List.of("one", "two", "Browse"));
    }

    @Test
    void listenersGetTheMapAsGiven() {
        DefaultEnvironment env = env(Environment.builder().userClasses(Alpha.class, Gamma.class));
        List<Map<String, Object>> seen = new ArrayList<>();
        env.onUserClassUpdate(seen::add);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_class_name", "Gamma");
        body.put("weight", 7);
        body.put("fixed_count", 2);
        body.put("host", null);
        env.updateUserClass(body);
        env.updateUserClass(UserClassSettings.of("Alpha").withTasks(List.of("one")));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo(body);
        assertThat(seen.get(1)).isEqualTo(Map.of("user_class_name", "Alpha", "tasks", List.of("one")));
        UserClassSettings g = env.userClassSettings("Gamma");
        assertThat(g.weight()).hasValue(7);
        assertThat(g.fixedCount()).hasValue(2);
        assertThat(g.host()).isEmpty();
        assertThat(env.fixedCount(Gamma.class)).isEqualTo(2);
        // the annotations are untouched: a fresh environment sees the compiled values
        DefaultEnvironment fresh = env(Environment.builder().userClasses(Alpha.class, Gamma.class));
        assertThat(fresh.weight(Gamma.class)).isEqualTo(2);
        assertThat(fresh.taskModel(Alpha.class).tasks()).hasSize(3);
    }

    @Test
    void settingsMapRoundTripsAndChecksTypes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_class_name", "Alpha");
        m.put("host", "http://h.invalid");
        m.put("weight", 3L);
        m.put("fixed_count", "2");
        m.put("tasks", List.of("one"));
        UserClassSettings s = UserClassSettings.fromMap(m);
        assertThat(s).isEqualTo(UserClassSettings.of("Alpha").withHost("http://h.invalid").withWeight(3)
                .withFixedCount(2).withTasks(List.of("one")));
        assertThat(s.toMap()).containsEntry("weight", 3).containsEntry("fixed_count", 2)
                .containsEntry("tasks", List.of("one"));
        assertThatThrownBy(() -> UserClassSettings.fromMap(Map.of("weight", 1)))
                .hasMessage("The user config must specify a user_class_name");
        assertThatThrownBy(() -> UserClassSettings.fromMap(Map.of("user_class_name", "A", "weight", 1.5)))
                .hasMessage("weight of A must be a whole number, got 1.5");
        assertThatThrownBy(() -> UserClassSettings.fromMap(Map.of("user_class_name", "A", "tasks", "one")))
                .hasMessage("tasks of A must be a list of task names, got one");
        UserClassSettings lenient = UserClassSettings.fromMap(Map.of("user_class_name", "A", "custom", 1,
                "weight", 2), false);
        assertThat(lenient.weight()).hasValue(2);
        assertThat(UserClassSettings.unknownKeys(Map.of("user_class_name", "A", "custom", 1)))
                .isEqualTo(List.of("custom"));
        assertThat(Set.copyOf(UserClassSettings.KEYS)).contains("host", "weight", "fixed_count", "tasks");
    }
}
