package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.Stats;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.internal.stats.RequestStats;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The environment of one run. */
public final class DefaultEnvironment implements Environment {

    private final List<Class<? extends User>> userClasses;
    private final Optional<Class<? extends LoadTestShape>> shapeClass;
    private volatile Optional<String> host;
    private volatile Set<String> tags;
    private volatile Set<String> excludeTags;
    private volatile Duration stopTimeout;
    private final boolean resetStats;
    private final long iterations;
    private final boolean equalWeights;
    private final boolean catchExceptions;
    private volatile Map<String, String> options;
    private final List<CustomOption> customOptions;
    private final String nodeId;
    private final DefaultEvents events = new DefaultEvents();
    private final RequestStats stats;
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();
    private final Map<Class<? extends User>, UserClassState> classStates = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, Object>>> userClassListeners = new CopyOnWriteArrayList<>();
    private volatile Runner runner;
    private volatile Integer processExitCode;

    private DefaultEnvironment(Builder b) {
        this.userClasses = List.copyOf(b.userClasses);
        this.shapeClass = Optional.ofNullable(b.shapeClass);
        this.host = Optional.ofNullable(b.host).filter(h -> !h.isBlank());
        this.tags = Set.copyOf(b.tags);
        this.excludeTags = Set.copyOf(b.excludeTags);
        this.stopTimeout = b.stopTimeout;
        this.resetStats = b.resetStats;
        this.iterations = b.iterations;
        this.equalWeights = b.equalWeights;
        this.catchExceptions = b.catchExceptions;
        Map<String, String> opts = new LinkedHashMap<>(b.options);
        for (CustomOption c : b.customOptions.values()) {
            String given = opts.get(c.name());
            if (given != null) {
                opts.put(c.name(), c.parse(given));
            } else {
                c.defaultValue().ifPresent(d -> opts.put(c.name(), d));
            }
        }
        this.options = Map.copyOf(opts);
        this.customOptions = List.copyOf(b.customOptions.values());
        this.nodeId = b.nodeId;
        this.stats = new RequestStats(nodeId);
        events.request().add(stats::record);
    }

    @Override public Events events() { return events; }

    /** The concrete events (unhandled-error flag). */
    public DefaultEvents defaultEvents() { return events; }

    @Override public Stats stats() { return stats; }

    /** The concrete stats. */
    public RequestStats requestStats() { return stats; }

    @Override public List<Class<? extends User>> userClasses() { return userClasses; }
    @Override public Optional<Class<? extends LoadTestShape>> shapeClass() { return shapeClass; }
    @Override public Optional<String> host() { return host; }
    @Override public void host(String host) { this.host = Optional.ofNullable(host).filter(h -> !h.isBlank()); }
    @Override public Set<String> tags() { return tags; }
    @Override public Set<String> excludeTags() { return excludeTags; }
    @Override public Duration stopTimeout() { return stopTimeout; }

    /** Changes the stop timeout (a worker applies the one in the master's spawn message, RUN-22). */
    public void stopTimeout(Duration stopTimeout) {
        if (stopTimeout.isNegative()) {
            throw new ConfigurationException("stop timeout must be >= 0");
        }
        this.stopTimeout = stopTimeout;
    }
    @Override public boolean resetStats() { return resetStats; }
    @Override public long iterations() { return iterations; }

    /** Whether every class and task gets the same weight. */
    public boolean equalWeights() { return equalWeights; }

    /** Whether task exceptions are caught and counted. */
    public boolean catchExceptions() { return catchExceptions; }

    /** The node id for the exceptions table. */
    public String nodeId() { return nodeId; }

    @Override public Optional<Runner> runner() { return Optional.ofNullable(runner); }

    /** Sets the runner (local, master or worker); only once. */
    public synchronized void runner(Runner runner) {
        if (this.runner != null) {
            throw new LocustException("this environment already has a runner");
        }
        this.runner = runner;
    }

    @Override
    public Runner createLocalRunner() {
        LocalRunner r = new LocalRunner(this);
        runner(r);
        return r;
    }

    /**
     * Creates a local runner that is not this environment's runner: the user engine of a distributed worker, which
     * applies the master's per-class counts with {@link LocalRunner#applyCounts(Map)}.
     */
    public LocalRunner createUserEngine() {
        return new LocalRunner(this);
    }

    @Override
    public OptionalInt processExitCode() {
        Integer c = processExitCode;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    @Override public void processExitCode(int exitCode) { this.processExitCode = exitCode; }
    @Override public Map<String, String> options() { return options; }

    @Override public List<CustomOption> customOptions() { return customOptions; }

    /** The declared custom option with this long name ("my-arg") or dest name ("my_arg"). */
    public Optional<CustomOption> customOption(String nameOrDest) {
        return customOptions.stream()
                .filter(c -> c.name().equals(nameOrDest) || c.dest().equals(nameOrDest)).findFirst();
    }

    /**
     * Replaces the values of declared custom options (DIST-02 on a worker: the spawn's {@code parsed_options};
     * WEB-02: the start form), keyed by long or dest name; a {@code null} value removes the option's value. Keys that
     * are not custom options are ignored. All values are checked first: a bad one changes nothing.
     *
     * @return the long names whose value changed
     * @throws ConfigurationException when a value does not fit its option's type
     */
    public synchronized Set<String> updateCustomOptions(Map<String, ?> values) {
        Map<String, String> next = new LinkedHashMap<>(options);
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Optional<CustomOption> c = customOption(e.getKey());
            if (c.isEmpty()) {
                continue;
            }
            String name = c.get().name();
            String v = e.getValue() == null ? null : c.get().parse(wireText(e.getValue()));
            String old = v == null ? next.remove(name) : next.put(name, v);
            if (!java.util.Objects.equals(old, v)) {
                changed.add(name);
            }
        }
        options = Map.copyOf(next);
        return changed;
    }

    /** A wire value as option text: Python's True/False, ints, floats and lists (comma-joined). */
    private static String wireText(Object v) {
        if (v instanceof Collection<?> col) {
            return String.join(",", col.stream().map(String::valueOf).toList());
        }
        if (v instanceof Float || v instanceof Double) {
            return Double.toString(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return Optional.ofNullable(type.cast(extensions.get(type)));
    }

    @Override
    public <T> void extension(Class<T> type, T component) {
        extensions.put(type, component);
    }

    /** The task model users of this class pick from now (tags, --equal-weights and the tasks filter applied). */
    public TaskModel taskModel(Class<? extends User> userClass) {
        return classState(userClass).model();
    }

    /**
     * The changeable state of a user class, created on first use with the current tag filters. Users keep it and
     * read {@link UserClassState#model()} on every task pick, so task-list changes reach running users (LF-81).
     */
    public UserClassState classState(Class<? extends User> userClass) {
        return classStates.computeIfAbsent(userClass,
                c -> new UserClassState(c, TaskModel.of(c, tags, excludeTags, equalWeights)));
    }

    /**
     * Replaces the tag filters (a distributed worker applies the master's {@code tags}/{@code exclude_tags} from the
     * spawn message, LF-58) and rebuilds the task models; running users pick from the new ones from their next task
     * (as Locust's class-level task list). No-op when the filters are unchanged.
     */
    public synchronized void retag(Set<String> newTags, Set<String> newExcludeTags) {
        Set<String> t = Set.copyOf(newTags);
        Set<String> x = Set.copyOf(newExcludeTags);
        if (t.equals(tags) && x.equals(excludeTags)) {
            return;
        }
        tags = t;
        excludeTags = x;
        for (UserClassState st : classStates.values()) {
            st.base(TaskModel.of(st.type(), tags, excludeTags, equalWeights));
        }
    }

    /** The user-class weight to use: the updated one (LF-81), else 1 with --equal-weights, else {@code @Weight}. */
    public int weight(Class<? extends User> userClass) {
        OptionalInt o = classState(userClass).overrides().weight();
        return o.isPresent() ? o.getAsInt() : equalWeights ? 1 : UserClasses.weight(userClass);
    }

    /**
     * The fixed count to use: the updated one (LF-81), else {@code @FixedCount} (--equal-weights leaves it alone,
     * as Locust's {@code assign_equal_weights} does).
     */
    public int fixedCount(Class<? extends User> userClass) {
        OptionalInt o = classState(userClass).overrides().fixedCount();
        return o.isPresent() ? o.getAsInt() : UserClasses.fixedCount(userClass);
    }

    /** The class's own host: the updated one (LF-81, "" when removed), else {@code @Host}. */
    public Optional<String> classHost(Class<? extends User> userClass) {
        Optional<String> o = classState(userClass).overrides().host();
        return o.isPresent() ? o.filter(h -> !h.isEmpty()) : UserClasses.host(userClass);
    }

    /**
     * The host a new user of this class gets. As a Locust class attribute: a host set by {@code update_user_class}
     * wins; else {@code --host}; else {@code @Host}; else "".
     */
    public String userHost(Class<? extends User> userClass) {
        Optional<String> o = classState(userClass).overrides().host();
        if (o.isPresent() && !o.get().isEmpty()) {
            return o.get();
        }
        return host.or(() -> o.isPresent() ? Optional.empty() : UserClasses.host(userClass)).orElse("");
    }

    /**
     * Locust copies {@code --host} onto every user class when a test starts (and a worker on every spawn message):
     * with a host set, hosts set earlier by {@code update_user_class} are dropped here.
     */
    public synchronized void applyHostToClasses() {
        if (host.isEmpty()) {
            return;
        }
        for (UserClassState st : classStates.values()) {
            UserClassState.Overrides o = st.overrides();
            if (o.host().isPresent()) {
                st.apply(new UserClassState.Overrides(Optional.empty(), o.weight(), o.fixedCount(), o.tasks()),
                        st.model());
            }
        }
    }

    @Override
    public void updateUserClass(UserClassSettings settings) {
        applyAndNotify(settings, settings.toMap());
    }

    /**
     * Applies Locust's dict form (the body of {@code POST /user}, an object of {@code --config-users}) strictly, and
     * hands the same map to the listeners (a master sends it to its workers).
     */
    public void updateUserClass(Map<String, ?> settings) {
        UserClassSettings s = UserClassSettings.fromMap(settings);
        applyAndNotify(s, new LinkedHashMap<>(settings));
    }

    private void applyAndNotify(UserClassSettings settings, Map<String, Object> wire) {
        applyUserClassSettings(settings);
        Map<String, Object> data = java.util.Collections.unmodifiableMap(wire);
        for (Consumer<Map<String, Object>> l : userClassListeners) {
            l.accept(data);
        }
    }

    /** Applies the settings without telling the listeners (a worker applying the master's message). */
    public synchronized void applyUserClassSettings(UserClassSettings settings) {
        Class<? extends User> c = userClassByName(settings.userClassName());
        UserClassState st = classState(c);
        UserClassState.Overrides o = st.overrides();
        TaskModel model = st.model();
        if (settings.tasks().isPresent()) {
            List<String> names = settings.tasks().get();
            List<String> known = availableTaskNames(c);
            for (String n : names) {
                if (!known.contains(n)) {
                    throw new ConfigurationException("Unknown task '" + n + "' for user class "
                            + settings.userClassName() + " (its tasks: " + String.join(", ", known) + ")");
                }
            }
            model = st.base().keep(names);
            if (model.isEmpty()) {
                throw new ConfigurationException("tasks of user class " + settings.userClassName()
                        + " must keep at least one of its tasks (" + String.join(", ", st.base().tasks().stream()
                        .map(TaskModel.TaskDef::name).distinct().toList()) + ")");
            }
        }
        UserClassState.Overrides n = new UserClassState.Overrides(
                settings.host().isPresent() ? settings.host() : o.host(),
                settings.weight().isPresent() ? settings.weight() : o.weight(),
                settings.fixedCount().isPresent() ? settings.fixedCount() : o.fixedCount(),
                settings.tasks().isPresent() ? settings.tasks() : o.tasks());
        st.apply(n, model);
    }

    /**
     * The names of a class's own tasks before any filter (Locust's {@code available_user_tasks}): what the
     * {@code tasks} of {@link #updateUserClass} may name.
     */
    public List<String> availableTaskNames(Class<? extends User> userClass) {
        return TaskModel.of(userClass, Set.of(), Set.of(), false).tasks().stream()
                .map(TaskModel.TaskDef::name).distinct().toList();
    }

    @Override
    public UserClassSettings userClassSettings(String userClassName) {
        Class<? extends User> c = userClassByName(userClassName);
        UserClassSettings s = UserClassSettings.of(userClassName).withWeight(weight(c))
                .withFixedCount(fixedCount(c))
                .withTasks(taskModel(c).tasks().stream().map(TaskModel.TaskDef::name).distinct().toList());
        Optional<String> h = classHost(c);
        return h.isPresent() ? s.withHost(h.get()) : s;
    }

    /**
     * Registers a listener of {@link #updateUserClass} calls, given the settings in Locust's dict form after they
     * were applied (a master runner sends them to its workers, DIST-11).
     */
    public void onUserClassUpdate(Consumer<Map<String, Object>> listener) {
        userClassListeners.add(listener);
    }

    private Class<? extends User> userClassByName(String name) {
        Map<String, Class<? extends User>> byName = new TreeMap<>();
        for (Class<? extends User> c : userClasses) {
            byName.put(UserClasses.name(c), c);
        }
        Class<? extends User> c = byName.get(name);
        if (c == null) {
            throw new ConfigurationException("Unknown user class '" + name + "' (available: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return c;
    }

    /** Builder. */
    public static final class Builder implements Environment.Builder {
        private final List<Class<? extends User>> userClasses = new ArrayList<>();
        private Class<? extends LoadTestShape> shapeClass;
        private String host;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<String> excludeTags = new LinkedHashSet<>();
        private Duration stopTimeout = Duration.ZERO;
        private boolean resetStats;
        private long iterations;
        private boolean equalWeights;
        private boolean catchExceptions = true;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, CustomOption> customOptions = new LinkedHashMap<>();
        private String nodeId = "local";

        @Override
        public Builder userClasses(Collection<Class<? extends User>> classes) {
            userClasses.addAll(classes);
            return this;
        }

        @Override
        public Builder userClasses(Class<?>... classes) {
            for (Class<?> c : classes) {
                if (!User.class.isAssignableFrom(c)) {
                    throw new ConfigurationException(c.getName() + " is not a User class");
                }
                userClasses.add(c.asSubclass(User.class));
            }
            return this;
        }

        @Override public Builder shapeClass(Class<? extends LoadTestShape> s) { this.shapeClass = s; return this; }
        @Override public Builder host(String h) { this.host = h; return this; }
        @Override public Builder tags(Collection<String> t) { tags.addAll(t); return this; }
        @Override public Builder excludeTags(Collection<String> t) { excludeTags.addAll(t); return this; }
        @Override public Builder stopTimeout(Duration d) { this.stopTimeout = d; return this; }
        @Override public Builder resetStats(boolean r) { this.resetStats = r; return this; }
        @Override public Builder iterations(long i) { this.iterations = i; return this; }
        @Override public Builder equalWeights(boolean e) { this.equalWeights = e; return this; }
        @Override public Builder catchExceptions(boolean c) { this.catchExceptions = c; return this; }
        @Override public Builder options(Map<String, String> o) { options.putAll(o); return this; }

        @Override
        public Builder customOptions(Collection<CustomOption> c) {
            for (CustomOption o : c) {
                if (customOptions.putIfAbsent(o.name(), o) != null) {
                    throw new ConfigurationException("custom option --" + o.name() + " is declared twice");
                }
            }
            return this;
        }
        @Override public Builder nodeId(String id) { this.nodeId = id; return this; }

        @Override
        public Environment build() {
            for (Class<? extends User> c : userClasses) {
                if (Modifier.isAbstract(c.getModifiers())) {
                    throw new ConfigurationException("user class " + c.getName() + " is abstract and cannot run");
                }
            }
            if (iterations < 0) {
                throw new ConfigurationException("iterations must be >= 0, got " + iterations);
            }
            if (stopTimeout.isNegative()) {
                throw new ConfigurationException("stop timeout must be >= 0");
            }
            DefaultEnvironment env = new DefaultEnvironment(this);
            for (Class<? extends User> c : env.userClasses) {
                env.taskModel(c); // validates tasks now: a class without tasks is a configuration error
            }
            return env;
        }
    }
}
