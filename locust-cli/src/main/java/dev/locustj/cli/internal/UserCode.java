package dev.locustj.cli.internal;

import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustPlugin;
import dev.locustj.core.User;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code -f} brought in (LF-05, LF-06): the runnable user classes and load shapes by Locust's class name, in
 * the order of their binary names, and the paths they came from.
 *
 * @param userClasses  every concrete {@link User} subclass, by simple name
 * @param shapeClasses every concrete {@link LoadTestShape} subclass, by simple name
 * @param plugins      every concrete {@link LocustPlugin} subclass
 * @param paths        the locustfile paths as given (for messages and the HTML report)
 * @param files        the same, resolved to absolute paths (what a master sends to {@code -f -} workers, DIST-09)
 * @param classLoader  the loader of the user code
 */
public record UserCode(Map<String, Class<? extends User>> userClasses,
                       Map<String, Class<? extends LoadTestShape>> shapeClasses,
                       List<Class<? extends LocustPlugin>> plugins, List<String> paths,
                       List<Path> files, ClassLoader classLoader) {

    /** Keeps the maps' order. */
    public UserCode {
        userClasses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userClasses));
        shapeClasses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shapeClasses));
        plugins = List.copyOf(plugins);
        paths = List.copyOf(paths);
        files = List.copyOf(files);
    }

    /** The active shape: the first one found (LF-06). */
    public Optional<Class<? extends LoadTestShape>> shapeClass() {
        return shapeClasses.values().stream().findFirst();
    }

    /**
     * The user classes picked by positional names (LF-07), or all of them.
     *
     * @throws ExitException (exit 1) for an unknown name, listing the available ones
     */
    public List<Class<? extends User>> select(List<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(userClasses.values());
        }
        List<String> missing = names.stream().filter(n -> !userClasses.containsKey(n)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new ExitException(1, "Unknown User(s): " + String.join(", ", missing) + " (available: "
                    + String.join(", ", userClasses.keySet()) + ")");
        }
        return names.stream().distinct().<Class<? extends User>>map(userClasses::get).toList();
    }
}
