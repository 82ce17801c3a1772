package dev.locustj.core.internal.stats;

/** The wall clock the stats read, injectable so tests don't sleep. */
@FunctionalInterface
public interface StatsClock {

    /** Microseconds since the epoch. */
    long epochMicros();

    /** Seconds since the epoch, as a double. */
    default double epochSeconds() {
        return epochMicros() / 1_000_000.0;
    }

    /** Whole seconds since the epoch. */
    default long epochSecond() {
        return Math.floorDiv(epochMicros(), 1_000_000L);
    }

    /** The system clock (millisecond resolution). */
    static StatsClock system() {
        return () -> System.currentTimeMillis() * 1000L;
    }
}
