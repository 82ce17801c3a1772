package dev.locustj.core;

/**
 * Thrown from a task to end it early, like {@code return}; the wait time still applies (Locust's RescheduleTask).
 * Inside a catch-response block it marks nothing as failed.
 */
public class RescheduleTask extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal. */
    public RescheduleTask() {
        super("RescheduleTask", false);
    }

    RescheduleTask(String name) {
        super(name, false);
    }
}
