package dev.locustj.web.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.InternalThreads;
import dev.locustj.core.internal.UserClasses;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /swarm} (WEB-02): checks the whole form first, so bad input never touches the running test, then
 * starts or re-targets the test and schedules the optional run time's stop (RUN-32). Fields named like a custom
 * option's dest name (or long name) set its value, checked against its type (CFG-04; Locust casts to the type of
 * the current value): a bad value fails the whole request with the option's message.
 */
public final class Swarm {

    /** The result: HTTP status and Locust's JSON body. */
    public record Result(int status, Map<String, Object> body) {
    }

    /**
     * The form fields, as read from the request.
     *
     * @param other every other field by name, all its values: the custom options by dest name (CFG-04)
     */
    public record Form(Optional<String> userCount, Optional<String> spawnRate, Optional<String> host,
                       Optional<String> runTime, List<String> userClasses, Optional<String> shapeClass,
                       Map<String, List<String>> other) {
        /** Copies the map. */
        public Form {
            other = Map.copyOf(other);
        }
    }

    private final Environment env;
    private final boolean classPicker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            InternalThreads.factory("locustj-web-run-time"));
    private ScheduledFuture<?> runTimeStop;

    /** A swarm handler for {@code env}. */
    public Swarm(Environment env, boolean classPicker) {
        this.env = env;
        this.classPicker = classPicker;
    }

    /** Applies a form. */
    public synchronized Result apply(Form f) {
        Optional<String> host = f.host().map(h -> h.replace("<", "").replace(">", "").strip())
                .filter(h -> !h.isEmpty());
        Optional<Runner> runner = env.runner();
        if (runner.isEmpty()) {
            return fail(host, "Locust Environment does not have any runner");
        }
        boolean shape = env.shapeClass().isPresent()
                && (!classPicker || f.shapeClass().map(s -> !s.equals("Default")).orElse(true));
        if (classPicker && env.shapeClass().isEmpty() && f.shapeClass().isPresent()
                && !f.shapeClass().get().equals("Default") && !f.shapeClass().get().isEmpty()) {
            return fail(host, "Unknown shape class: " + f.shapeClass().get());
        }
        if (classPicker && shape && f.shapeClass().isPresent()
                && !f.shapeClass().get().equals(UserClasses.name(env.shapeClass().get()))) {
            return fail(host, "Unknown shape class: " + f.shapeClass().get());
        }
        int userCount = 0;
        double spawnRate = 0;
        if (!shape) {
            if (f.userCount().isEmpty() || f.userCount().get().isBlank()) {
                return fail(host, "Missing user_count");
            }
            if (f.spawnRate().isEmpty() || f.spawnRate().get().isBlank()) {
                return fail(host, "Missing spawn_rate");
            }
            int max = runner.get().maxUsers();
            Optional<BigDecimal> users = number(f.userCount().get());
            if (users.isEmpty() || fractional(users.get())) {
                return fail(host, "user_count must be a whole number, got '" + shown(f.userCount().get()) + "'");
            }
            if (users.get().signum() < 0) {
                return fail(host, "user_count must be >= 0, got " + shown(f.userCount().get()));
            }
            if (users.get().compareTo(BigDecimal.valueOf(max)) > 0) {
                return fail(host, "user_count " + shown(f.userCount().get()) + " is above the limit of " + max
                        + " users this process can hold (--max-users)");
            }
            userCount = users.get().intValue();
            Optional<BigDecimal> rate = number(f.spawnRate().get());
            if (rate.isEmpty()) {
                return fail(host, "spawn_rate must be a number, got '" + shown(f.spawnRate().get()) + "'");
            }
            if (rate.get().signum() <= 0 || !(rate.get().doubleValue() > 0)) {
                return fail(host, "spawn_rate must be > 0, got " + shown(f.spawnRate().get()));
            }
            if (rate.get().compareTo(BigDecimal.valueOf(max)) > 0) {
                return fail(host, "spawn_rate " + shown(f.spawnRate().get()) + " is above the limit of " + max
                        + " users per second (--max-users: the most users this process can hold)");
            }
            spawnRate = rate.get().doubleValue();
        }
        OptionalLong runTime = OptionalLong.empty();
        if (f.runTime().isPresent() && !f.runTime().get().isBlank()) {
            runTime = Timespan.parseSeconds(f.runTime().get());
            if (runTime.isEmpty()) {
                return fail(host, Timespan.FORMATS);
            }
            if (runTime.getAsLong() == 0) { // like Locust: a run time of 0 sets no limit
                runTime = OptionalLong.empty();
            }
        }
        List<Class<? extends User>> selected = new ArrayList<>();
        TreeSet<String> selectedNames = new TreeSet<>();
        if (!f.userClasses().isEmpty()) {
            Map<String, Class<? extends User>> byName = new LinkedHashMap<>();
            for (Class<? extends User> c : env.userClasses()) {
                byName.put(UserClasses.name(c), c);
            }
            List<String> unknown = new ArrayList<>();
            for (String n : f.userClasses()) {
                Class<? extends User> c = byName.get(n);
                if (c == null) {
                    unknown.add(n);
                } else if (selectedNames.add(n)) {
                    selected.add(c);
                }
            }
            if (!unknown.isEmpty()) {
                return fail(host, "Unknown user class(es): " + String.join(", ", unknown));
            }
        } else if (classPicker && !shape) {
            return fail(host, "You must specify at least one user class when using the class picker");
        }

        Map<String, String> custom = new LinkedHashMap<>();
        for (CustomOption c : env.customOptions()) {
            List<String> values = f.other().getOrDefault(c.dest(), f.other().getOrDefault(c.name(), List.of()));
            if (values.isEmpty()) {
                continue;
            }
            // a multi-select sends one field per value (or one comma list); otherwise the last one wins
            String v = c.isMultiple() ? String.join(",", values) : values.get(values.size() - 1);
            try {
                custom.put(c.name(), c.parse(v));
            } catch (ConfigurationException e) {
                return fail(host, e.getMessage());
            }
        }

        // everything is valid: now touch the run
        host.ifPresent(env::host);
        if (!custom.isEmpty() && env instanceof DefaultEnvironment d) {
            d.updateCustomOptions(custom); // before the start, so a master sends them to its workers (DIST-02)
        }
        String message;
        try {
            if (shape) {
                runner.get().startShape();
                message = "Swarming started using shape class '" + UserClasses.name(env.shapeClass().get()) + "'";
            } else if (selected.isEmpty()) {
                runner.get().start(userCount, spawnRate);
                message = "Swarming started";
            } else {
                runner.get().start(userCount, spawnRate, selected);
                message = "Swarming started";
            }
        } catch (LocustException e) {
            return fail(host, e.getMessage());
        }
        cancelRunTime();
        if (runTime.isPresent()) {
            long seconds = runTime.getAsLong();
            runTimeStop = timer.schedule(() -> env.runner().ifPresent(Runner::stop), seconds, TimeUnit.SECONDS);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", message);
        body.put("host", env.host().orElse(null));
        if (runTime.isPresent()) {
            body.put("run_time", runTime.getAsLong());
        }
        if (classPicker) {
            body.put("user_classes", new ArrayList<>(selectedNames));
        }
        return new Result(200, body);
    }

    /** Cancels the run-time stop (the test was stopped by hand). */
    public synchronized void cancelRunTime() {
        if (runTimeStop != null) {
            runTimeStop.cancel(false);
            runTimeStop = null;
        }
    }

    /** Stops the timer thread. */
    public void close() {
        timer.shutdownNow();
    }

    /** A plain decimal number ("12", "1.5", "1e9"); empty for anything else (NaN, Infinity, hex, "5d"). */
    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A form value as echoed in a message: stripped, at most 40 characters. */
    private static String shown(String text) {
        String t = text.strip();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }

    private static boolean fractional(BigDecimal n) {
        return n.signum() != 0 && n.stripTrailingZeros().scale() > 0;
    }

    private Result fail(Optional<String> host, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        body.put("host", host.or(env::host).orElse(null));
        return new Result(400, body);
    }
}
