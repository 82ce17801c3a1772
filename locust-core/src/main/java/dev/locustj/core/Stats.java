package dev.locustj.core;

import java.util.List;

/**
 * The request statistics of an environment (Locust's {@code environment.stats} plus the runner's exceptions).
 * Recording is done by listening to {@link Events#request()}; this view reads and resets.
 */
public interface Stats {

    /** A snapshot of everything now. Cheap enough for once a second, not for once a request. */
    StatsSnapshot snapshot();

    /** Resets every entry and the errors; the exceptions are kept (Locust's {@code reset_all}). */
    void reset();

    /** Clears the exceptions table. */
    void clearExceptions();

    /** The history samples taken since the start (or the last reset). */
    List<HistoryPoint> history();
}
