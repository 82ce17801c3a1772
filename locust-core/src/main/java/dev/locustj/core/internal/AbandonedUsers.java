package dev.locustj.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The warning about users that did not end when interrupted, naming their classes and tasks. Internal. */
final class AbandonedUsers {

    private AbandonedUsers() {
    }

    private static String where(UserRuntime r) {
        return r.activity().map(a -> a.equals("onStart") || a.equals("onStop") ? "in " + a : "in task " + a)
                .orElse("not started (no free carrier thread)");
    }

    /** One line: how many users, which class and task each is in, and what happens to them. */
    static String describe(List<UserRuntime> users, Duration stopTimeout, Duration grace) {
        Map<String, Integer> byTask = new TreeMap<>();
        for (UserRuntime r : users) {
            byTask.merge(UserClasses.name(r.user().getClass()) + " " + where(r), 1, Integer::sum);
        }
        String where = byTask.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " users)" : ""))
                .collect(Collectors.joining(", "));
        double seconds = (stopTimeout.toMillis() + grace.toMillis()) / 1000.0;
        return String.format(Locale.ROOT, "%d user%s did not stop within %.1f s (--stop-timeout %d s): %s. "
                        + "A task that never blocks cannot be interrupted; %s abandoned and run%s on until the "
                        + "process exits",
                users.size(), users.size() == 1 ? "" : "s", seconds, stopTimeout.toSeconds(), where,
                users.size() == 1 ? "it is" : "they are", users.size() == 1 ? "s" : "");
    }
}
