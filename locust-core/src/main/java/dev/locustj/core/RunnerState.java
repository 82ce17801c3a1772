package dev.locustj.core;

import java.util.Locale;

/** The states of a runner (RUN-01), with Locust's names. */
public enum RunnerState {
    /** Created, never started. */
    READY,
    /** Ramping users up or down. */
    SPAWNING,
    /** All users of the current target are running. */
    RUNNING,
    /** The local runner is stopping its users. */
    CLEANUP,
    /** A master is stopping its workers. */
    STOPPING,
    /** Stopped; can be started again. */
    STOPPED,
    /** A worker node that stopped sending heartbeats. */
    MISSING;

    /** Locust's lower-case name ("running"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
