package dev.locustj.core;

import dev.locustj.core.internal.UserRuntime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A custom load shape (Locust's {@code LoadTestShape}): the runner calls {@link #tick()} about once a second and
 * ramps to what it returns; an empty result ends the test. A non-abstract subclass found with the user classes is
 * used automatically, and {@code -u/-r/-t} are then ignored.
 */
public abstract class LoadTestShape {

    private final UserRuntime.ShapeBinding binding;

    /** Binds the new instance to the runner that uses it. */
    protected LoadTestShape() {
        this.binding = UserRuntime.currentShapeBinding();
    }

    /** The users and spawn rate wanted now, or empty to end the test. */
    public abstract Optional<Tick> tick();

    /** Seconds since the shape started, or since {@link #resetTime()}. */
    public final double runTime() {
        return binding.runTimeSeconds();
    }

    /** Restarts the clock of {@link #runTime()}. */
    public final void resetTime() {
        binding.resetTime();
    }

    /** The number of running users. */
    public final int currentUserCount() {
        return binding.runner().map(Runner::userCount).orElse(0);
    }

    /** The runner, once the shape runs. */
    public final Optional<Runner> runner() {
        return binding.runner();
    }

    /**
     * One answer of {@link #tick()}.
     *
     * @param userCount   the wanted number of users
     * @param spawnRate   users per second for getting there
     * @param userClasses the user classes to use, empty for all
     */
    public record Tick(int userCount, double spawnRate, List<Class<? extends User>> userClasses) {
        /** Checks the values. */
        public Tick {
            Objects.requireNonNull(userClasses, "userClasses");
            userClasses = List.copyOf(userClasses);
        }

        /** Users and rate, all classes. */
        public static Tick of(int userCount, double spawnRate) {
            return new Tick(userCount, spawnRate, List.of());
        }

        /** Users and rate, some classes. */
        @SafeVarargs
        public static Tick of(int userCount, double spawnRate, Class<? extends User>... userClasses) {
            return new Tick(userCount, spawnRate, List.of(userClasses));
        }
    }
}
