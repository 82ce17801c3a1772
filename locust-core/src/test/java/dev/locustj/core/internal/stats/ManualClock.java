package dev.locustj.core.internal.stats;

import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
final class ManualClock implements StatsClock {
    private final AtomicLong micros;

    ManualClock(double epochSeconds) {
        micros = new AtomicLong(Math.round(epochSeconds * 1_000_000));
    }

    @Override
    public long epochMicros() {
        return micros.get();
    }

    void set(double epochSeconds) {
        micros.set(Math.round(epochSeconds * 1_000_000));
    }

    void advance(double seconds) {
        micros.addAndGet(Math.round(seconds * 1_000_000));
    }
}
