package dev.locustj.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a user (or TaskSet) waits after each task, like Locust's {@code wait_time}. Any lambda works:
 * {@code () -> Duration.ofMillis(500)}.
 *
 * <p>The runner asks {@link User#waitTime()} (and {@link TaskSet#waitTime()}) once per instance and keeps the
 * returned object, so stateful wait times such as {@link #constantPacing(double)} keep their state per user.
 */
@FunctionalInterface
public interface WaitTime {

    /** The time to wait now; zero or negative means no wait. */
    Duration next();

    /** No wait at all (the default). */
    static WaitTime none() {
        return () -> Duration.ZERO;
    }

    /** Always {@code seconds} (Locust's {@code constant}). */
    static WaitTime constant(double seconds) {
        Duration d = seconds(seconds);
        return () -> d;
    }

    /** Always {@code duration}. */
    static WaitTime constant(Duration duration) {
        return () -> duration;
    }

    /** A uniformly random time in [min, max) seconds (Locust's {@code between}). */
    static WaitTime between(double minSeconds, double maxSeconds) {
        if (minSeconds < 0 || maxSeconds < minSeconds) {
            throw new ConfigurationException("between(" + minSeconds + ", " + maxSeconds + "): need 0 <= min <= max");
        }
        long minNanos = (long) (minSeconds * 1e9);
        long maxNanos = (long) (maxSeconds * 1e9);
        if (maxNanos == minNanos) {
            Duration d = Duration.ofNanos(minNanos);
            return () -> d;
        }
        return () -> Duration.ofNanos(ThreadLocalRandom.current().nextLong(minNanos, maxNanos));
    }

    /** A uniformly random time in [min, max). */
    static WaitTime between(Duration min, Duration max) {
        return between(min.toNanos() / 1e9, max.toNanos() / 1e9);
    }

    /**
     * Aims for one task start every {@code seconds} (Locust's {@code constant_pacing}): waits
     * {@code max(0, seconds - time the task took)}. Keeps state, one instance per user.
     */
    static WaitTime constantPacing(double seconds) {
        if (seconds < 0) {
            throw new ConfigurationException("constantPacing(" + seconds + "): need a value >= 0");
        }
        long period = (long) (seconds * 1e9);
        return new WaitTime() {
            private long lastRun = System.nanoTime();
            private long lastWait;

            @Override
            public synchronized Duration next() {
                long now = System.nanoTime();
                long runTime = now - lastRun - lastWait;
                lastWait = Math.max(0, period - runTime);
                lastRun = now;
                return Duration.ofNanos(lastWait);
            }
        };
    }

    /** Aims for one task start every {@code period}. */
    static WaitTime constantPacing(Duration period) {
        return constantPacing(period.toNanos() / 1e9);
    }

    /** {@code tasksPerSecond} task runs per second per user (Locust's {@code constant_throughput}). */
    static WaitTime constantThroughput(double tasksPerSecond) {
        if (tasksPerSecond <= 0) {
            throw new ConfigurationException("constantThroughput(" + tasksPerSecond + "): need a value > 0");
        }
        return constantPacing(1.0 / tasksPerSecond);
    }

    /**
     * Exponentially distributed waits with mean {@code 1 / ratePerSecond}: task starts form a Poisson process
     * (Locust PR #3510, LF-44).
     */
    static WaitTime poisson(double ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new ConfigurationException("poisson(" + ratePerSecond + "): need a rate > 0");
        }
        return () -> seconds(-Math.log(1.0 - ThreadLocalRandom.current().nextDouble()) / ratePerSecond);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
