package dev.locustj.web.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.StatsSnapshot;

import java.time.Duration;
import java.util.Optional;

/**
 * One stats snapshot per interval for every browser and script (Locust memoizes {@code /stats/requests} for 2 s):
 * the first request after the interval computes it, everyone else in the interval reads the same one. Nothing is
 * computed while nobody polls.
 */
public final class StatsCache {

    /** Locust's 2 s. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Environment env;
    private final long intervalNanos;
    private volatile Entry entry;
    private long computations;

    private record Entry(long at, Stamped stamped) {
    }

    /**
     * A snapshot with the number of the computation that made it (to cache what is derived from it).
     *
     * @param generation increases with every computed snapshot
     * @param snapshot   the snapshot, empty without a runner
     */
    public record Stamped(long generation, Optional<StatsSnapshot> snapshot) {
    }

    /** A cache over {@code env.stats()}. */
    public StatsCache(Environment env, Duration interval) {
        this.env = env;
        this.intervalNanos = interval.toNanos();
    }

    /** The snapshot of this interval; empty when the environment has no runner yet. */
    public Optional<StatsSnapshot> snapshot() {
        return stamped().snapshot();
    }

    /** The snapshot of this interval with its generation. */
    public Stamped stamped() {
        Entry e = entry;
        long now = System.nanoTime();
        if (e != null && now - e.at < intervalNanos) {
            return e.stamped;
        }
        synchronized (this) {
            e = entry;
            now = System.nanoTime();
            if (e != null && now - e.at < intervalNanos) {
                return e.stamped;
            }
            Optional<StatsSnapshot> s = env.runner().isPresent() ? Optional.of(env.stats().snapshot())
                    : Optional.empty();
            computations++;
            Stamped stamped = new Stamped(computations, s);
            entry = new Entry(System.nanoTime(), stamped);
            return stamped;
        }
    }

    /** Drops the cached snapshot (after a reset, start or stop, so the next poll shows the change). */
    public void invalidate() {
        entry = null;
    }

    /** How many snapshots were computed (for tests: proves they are shared). */
    public synchronized long computations() {
        return computations;
    }
}
