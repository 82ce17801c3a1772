package dev.locustj.core;

/** Thrown from a task (or {@code onStart}) to stop this user: it runs {@code onStop} and ends (Locust's StopUser). */
public final class StopUser extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal. */
    public StopUser() {
        super("StopUser", false);
    }
}
