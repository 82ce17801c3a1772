package dev.locustj.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of one user class that can be changed while Locust runs (LF-81 {@code update_user_class}, WEB-14
 * {@code POST /user}, DIST-11, CLI-10 {@code --config-users}). Each absent field keeps the class's current value.
 * Apply them with {@link Environment#updateUserClass(UserClassSettings)}:
 *
 * <pre>{@code
 * env.updateUserClass(UserClassSettings.of("ShopUser").withWeight(3).withTasks(List.of("browse", "checkout")));
 * }</pre>
 *
 * <p>The map form ({@link #fromMap(Map)}, {@link #toMap()}) uses Locust's keys: {@code user_class_name},
 * {@code host}, {@code weight}, {@code fixed_count} and {@code tasks}.
 *
 * @param userClassName the class's Locust name (its simple name)
 * @param host          the class's host, like {@link Host}; an empty string removes the class's host (then only
 *                      {@code --host} applies). Users created afterwards use it; it wins over {@code --host} until
 *                      the next start copies {@code --host} onto the classes again, as in Locust
 * @param weight        the class's weight, like {@link Weight} (0 or more); used by the next spawn/dispatch
 * @param fixedCount    the class's fixed count, like {@link FixedCount} (0 or more); used by the next
 *                      spawn/dispatch
 * @param tasks         the names of the tasks to keep, out of the class's own task list (a method task is named by
 *                      its method, a TaskSet task by its simple class name); running users use the new list from
 *                      their next task pick
 */
public record UserClassSettings(String userClassName, Optional<String> host, OptionalInt weight,
                                OptionalInt fixedCount, Optional<List<String>> tasks) {

    /** The Locust key of the class name. */
    public static final String USER_CLASS_NAME = "user_class_name";
    /** The Locust key of the host. */
    public static final String HOST = "host";
    /** The Locust key of the weight. */
    public static final String WEIGHT = "weight";
    /** The Locust key of the fixed count. */
    public static final String FIXED_COUNT = "fixed_count";
    /** The Locust key of the task names. */
    public static final String TASKS = "tasks";
    /** Every key this build understands. */
    public static final List<String> KEYS = List.of(USER_CLASS_NAME, HOST, WEIGHT, FIXED_COUNT, TASKS);

    /** Checks the values; throws {@link ConfigurationException} for a blank name or a negative count. */
    public UserClassSettings {
        Objects.requireNonNull(userClassName, "userClassName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(fixedCount, "fixedCount");
        Objects.requireNonNull(tasks, "tasks");
        if (userClassName.isBlank()) {
            throw new ConfigurationException("The user config must specify a user_class_name");
        }
        if (weight.isPresent() && weight.getAsInt() < 0) {
            throw new ConfigurationException("weight of " + userClassName + " must be >= 0, got "
                    + weight.getAsInt());
        }
        if (fixedCount.isPresent() && fixedCount.getAsInt() < 0) {
            throw new ConfigurationException("fixed_count of " + userClassName + " must be >= 0, got "
                    + fixedCount.getAsInt());
        }
        tasks = tasks.map(List::copyOf);
    }

    /** Settings for this class that change nothing yet; add fields with the {@code with...} methods. */
    public static UserClassSettings of(String userClassName) {
        return new UserClassSettings(userClassName, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    /** The same settings with this host ({@code ""} removes the class's host). */
    public UserClassSettings withHost(String newHost) {
        return new UserClassSettings(userClassName, Optional.of(newHost), weight, fixedCount, tasks);
    }

    /** The same settings with this weight. */
    public UserClassSettings withWeight(int newWeight) {
        return new UserClassSettings(userClassName, host, OptionalInt.of(newWeight), fixedCount, tasks);
    }

    /** The same settings with this fixed count. */
    public UserClassSettings withFixedCount(int newFixedCount) {
        return new UserClassSettings(userClassName, host, weight, OptionalInt.of(newFixedCount), tasks);
    }

    /** The same settings keeping only these tasks, by name. */
    public UserClassSettings withTasks(List<String> taskNames) {
        return new UserClassSettings(userClassName, host, weight, fixedCount, Optional.of(taskNames));
    }

    /**
     * Reads Locust's dict form, e.g. the body of {@code POST /user} or one object of {@code --config-users}.
     * A {@code null} host means "no class host". Throws {@link ConfigurationException} with one clear message for
     * a missing class name, a value of the wrong type, or a key this build does not support.
     */
    public static UserClassSettings fromMap(Map<String, ?> settings) {
        return fromMap(settings, true);
    }

    /**
     * Like {@link #fromMap(Map)}; with {@code strict} false, unknown keys are skipped instead of rejected (see
     * {@link #unknownKeys(Map)}), for messages from a newer master.
     */
    public static UserClassSettings fromMap(Map<String, ?> settings, boolean strict) {
        Object name = settings.get(USER_CLASS_NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            throw new ConfigurationException("The user config must specify a user_class_name");
        }
        if (strict) {
            List<String> unknown = unknownKeys(settings);
            if (!unknown.isEmpty()) {
                throw new ConfigurationException("Cannot set " + String.join(", ", unknown) + " on user class " + n
                        + ": only host, weight, fixed_count and tasks can be changed");
            }
        }
        UserClassSettings s = of(n);
        if (settings.containsKey(HOST)) {
            Object h = settings.get(HOST);
            if (h != null && !(h instanceof String)) {
                throw new ConfigurationException("host of " + n + " must be a string, got " + h);
            }
            s = s.withHost(h == null ? "" : (String) h);
        }
        if (settings.containsKey(WEIGHT)) {
            s = s.withWeight(integer(n, WEIGHT, settings.get(WEIGHT)));
        }
        if (settings.containsKey(FIXED_COUNT)) {
            s = s.withFixedCount(integer(n, FIXED_COUNT, settings.get(FIXED_COUNT)));
        }
        if (settings.containsKey(TASKS)) {
            Object t = settings.get(TASKS);
            if (!(t instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
                throw new ConfigurationException("tasks of " + n + " must be a list of task names, got " + t);
            }
            List<String> names = new ArrayList<>();
            list.forEach(e -> names.add((String) e));
            s = s.withTasks(names);
        }
        return s;
    }

    /** The keys of a settings map that this build does not understand, in map order. */
    public static List<String> unknownKeys(Map<String, ?> settings) {
        return settings.keySet().stream().filter(k -> !KEYS.contains(k)).toList();
    }

    /** Locust's dict form: the class name and the present fields only. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(USER_CLASS_NAME, userClassName);
        host.ifPresent(h -> m.put(HOST, h));
        weight.ifPresent(w -> m.put(WEIGHT, w));
        fixedCount.ifPresent(f -> m.put(FIXED_COUNT, f));
        tasks.ifPresent(t -> m.put(TASKS, t));
        return m;
    }

    private static int integer(String cls, String key, Object v) {
        if (v instanceof Number num) {
            double d = num.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        } else if (v instanceof String str) {
            try {
                return Integer.parseInt(str.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigurationException(key + " of " + cls + " must be a whole number, got " + v);
    }
}
