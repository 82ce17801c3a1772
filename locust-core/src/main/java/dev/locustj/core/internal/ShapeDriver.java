package dev.locustj.core.internal;

import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drives a runner from a {@link LoadTestShape} (LF-70..75): ticks about once a second on a virtual thread, starts a
 * new ramp whenever the answer changes, and ends the test when the shape returns empty (headless: quit, web UI:
 * stop; RUN-33). Shared by the local and the master runner.
 */
public final class ShapeDriver {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");

    private ShapeDriver() {
    }

    /**
     * Creates the environment's shape bound to {@code runner} and starts ticking it on a new internal thread.
     *
     * @param quitting tells the driver to end (the runner is quitting)
     */
    public static Thread start(Runner runner, DefaultEnvironment env, BooleanSupplier quitting, String threadName) {
        Class<? extends LoadTestShape> shapeClass = env.shapeClass()
                .orElseThrow(() -> new dev.locustj.core.ConfigurationException("no LoadTestShape in this environment"));
        UserRuntime.ShapeClock clock = new UserRuntime.ShapeClock(() -> Optional.of(runner));
        LoadTestShape shape = UserRuntime.construct(shapeClass, clock);
        return InternalThreads.start(threadName, () -> run(runner, env, shape, clock, quitting));
    }

    /** Whether the run is headless (a shape's end then quits instead of stopping). */
    public static boolean headless(DefaultEnvironment env) {
        return Boolean.parseBoolean(env.options().getOrDefault("headless", "true"));
    }

    private static void run(Runner runner, DefaultEnvironment env, LoadTestShape shape,
                            UserRuntime.ShapeClock clock, BooleanSupplier quitting) {
        clock.resetTime();
        LoadTestShape.Tick last = null;
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted() && !quitting.getAsBoolean()) {
            Optional<LoadTestShape.Tick> tick;
            try {
                tick = shape.tick();
            } catch (RuntimeException e) {
                LOG.error("LoadTestShape.tick() failed: {}", e.toString(), e);
                env.defaultEvents().flagUnhandledError();
                tick = Optional.empty();
            }
            if (tick.isEmpty()) {
                LOG.info("Shape test stopping");
                if (headless(env)) {
                    runner.quit();
                } else {
                    runner.stop();
                }
                return;
            }
            if (!tick.get().equals(last)) {
                last = tick.get();
                LOG.info("Shape test updating to {} users at {} spawn rate", last.userCount(), last.spawnRate());
                int users = last.userCount();
                if (users > runner.maxUsers()) {
                    LOG.warn("The shape asks for {} users, more than the limit of {} (--{}, by default what the "
                            + "heap holds): running {}", users, runner.maxUsers(), UserLimit.OPTION, runner.maxUsers());
                    users = runner.maxUsers();
                }
                try {
                    runner.start(users, last.spawnRate(), last.userClasses());
                } catch (LocustException e) {
                    LOG.error("Shape tick rejected: {}", e.getMessage());
                }
            }
            next += 1_000_000_000L;
            try {
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
