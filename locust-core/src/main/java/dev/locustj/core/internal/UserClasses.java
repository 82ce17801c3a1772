package dev.locustj.core.internal;

import dev.locustj.core.FixedCount;
import dev.locustj.core.Host;
import dev.locustj.core.User;
import dev.locustj.core.Weight;

import java.util.Optional;

/** Reads the class-level settings of a user class. */
public final class UserClasses {

    private UserClasses() {
    }

    /** The class's weight (default 1). */
    public static int weight(Class<? extends User> c) {
        Weight w = c.getAnnotation(Weight.class);
        return w == null ? 1 : w.value();
    }

    /** The class's fixed count (default 0). */
    public static int fixedCount(Class<? extends User> c) {
        FixedCount f = c.getAnnotation(FixedCount.class);
        return f == null ? 0 : f.value();
    }

    /** The class's own host, if any. */
    public static Optional<String> host(Class<? extends User> c) {
        Host h = c.getAnnotation(Host.class);
        return h == null || h.value().isBlank() ? Optional.empty() : Optional.of(h.value());
    }

    /** Locust's class name: the simple name (nested classes: the binary name's last part). */
    public static String name(Class<?> c) {
        return c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
    }
}
