package dev.locustj.core;

import dev.locustj.core.internal.DefaultEnvironment;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything a run shares: the user classes, the events, the stats, the options and the runner (Locust's
 * {@code Environment}). Library use:
 *
 * <pre>{@code
 * Environment env = Environment.builder().userClasses(MyUser.class).host("http://127.0.0.1:8080").build();
 * Runner runner = env.createLocalRunner();
 * runner.start(10, 5);
 * runner.await(Duration.ofSeconds(30));
 * runner.quit();
 * StatsSnapshot stats = env.stats().snapshot();
 * }</pre>
 */
public interface Environment {

    /** A builder for an environment. */
    static Builder builder() {
        return new DefaultEnvironment.Builder();
    }

    /** The events. */
    Events events();

    /** The request statistics. */
    Stats stats();

    /** The user classes of this run (after a positional selection on the command line). */
    List<Class<? extends User>> userClasses();

    /** The load shape, if any. */
    Optional<Class<? extends LoadTestShape>> shapeClass();

    /** The host given by {@code --host} (or the web form), overriding every class's {@link Host}. */
    Optional<String> host();

    /** Changes the host for users spawned from now on (the web form's host field). */
    void host(String host);

    /** Tasks with any of these tags run (empty: all). */
    Set<String> tags();

    /** Tasks with any of these tags never run. */
    Set<String> excludeTags();

    /** How long stopping users may finish their task before they are interrupted (0: at once). */
    Duration stopTimeout();

    /** Whether the stats are reset when the ramp-up completes ({@code --reset-stats}). */
    boolean resetStats();

    /** Total task iterations after which the run stops ({@code -i}); 0 for no limit. */
    long iterations();

    /**
     * Changes a user class's host, weight, fixed count or task list while Locust runs (Locust's
     * {@code update_user_class}, LF-81). The new weight and fixed count are used by the next spawn or dispatch
     * ({@link Runner#start}), the host by users created afterwards, and the task list by running users from their
     * next task pick. On a master the settings are also sent to the workers ({@code update_user_class}, DIST-11).
     * The changes belong to this environment; the class's annotations are not touched.
     *
     * @throws ConfigurationException if the class is not one of {@link #userClasses()}, a task name is not one of
     *                                the class's tasks, or the tasks would leave the class with none
     */
    void updateUserClass(UserClassSettings settings);

    /**
     * The current settings of one of {@link #userClasses()} (Locust's {@code User.json()}, LF-33): every field is
     * present except the host when the class has none; {@code tasks} lists the tasks users pick from now.
     *
     * @throws ConfigurationException if there is no such class
     */
    UserClassSettings userClassSettings(String userClassName);

    /** The runner, once one is created. */
    Optional<Runner> runner();

    /** Creates the local runner (one per environment). */
    Runner createLocalRunner();

    /** The exit code user code asked for, if any. */
    OptionalInt processExitCode();

    /** Sets the process exit code, overriding the computed one (RUN-40). */
    void processExitCode(int exitCode);

    /**
     * The parsed options by long name without dashes ("users", "spawn-rate", custom ones...). On a worker the
     * values of the {@link #customOptions()} follow the master's: each spawn message's {@code parsed_options}
     * replaces them (DIST-02); the web UI's start form changes them on the process that serves it (WEB-02). The
     * map is an immutable snapshot: call again to see such changes.
     */
    Map<String, String> options();

    /** One option's value by long name ("my-arg"); empty when it has none. See {@link #options()}. */
    default Optional<String> option(String name) {
        return Optional.ofNullable(options().get(name));
    }

    /** The options the user code declared (EV-11), in declaration order; none by default. */
    default List<CustomOption> customOptions() {
        return List.of();
    }

    /** A component registered by a module (the web UI, a master runner...), by type. */
    <T> Optional<T> extension(Class<T> type);

    /** Registers a component by type, replacing an earlier one. */
    <T> void extension(Class<T> type, T component);

    /** Builds an {@link Environment}. */
    interface Builder {
        /** The user classes to run. */
        Builder userClasses(Collection<Class<? extends User>> userClasses);

        /** The user classes to run; each must extend {@link User} (checked, ConfigurationException otherwise). */
        Builder userClasses(Class<?>... userClasses);

        /** The load shape. */
        Builder shapeClass(Class<? extends LoadTestShape> shapeClass);

        /** The host for every user class. */
        Builder host(String host);

        /** Only tasks with one of these tags. */
        Builder tags(Collection<String> tags);

        /** No task with one of these tags. */
        Builder excludeTags(Collection<String> excludeTags);

        /** The graceful stop window. */
        Builder stopTimeout(Duration stopTimeout);

        /** Reset the stats when the ramp-up completes. */
        Builder resetStats(boolean resetStats);

        /** Stop after this many task iterations in total (0: no limit). */
        Builder iterations(long iterations);

        /** Give every user class and every task the same weight ({@code --equal-weights}). */
        Builder equalWeights(boolean equalWeights);

        /** Count exceptions from tasks and go on (true, the default), or let them stop the user. */
        Builder catchExceptions(boolean catchExceptions);

        /** The parsed options, by long name. */
        Builder options(Map<String, String> options);

        /**
         * The options the user code declared (EV-11); those without a value in {@link #options(Map)} get their
         * default. Values given are checked against the option's type (ConfigurationException otherwise).
         */
        Builder customOptions(Collection<CustomOption> customOptions);

        /** The node id used in the exceptions table ("local" by default). */
        Builder nodeId(String nodeId);

        /** Builds it; checks the user classes (tasks present, weights valid). */
        Environment build();
    }
}
