package dev.locustj.core;

/** Thrown from a task to end it and pick the next task at once, without waiting (Locust's RescheduleTaskImmediately). */
public final class RescheduleTaskImmediately extends RescheduleTask {
    private static final long serialVersionUID = 1L;

    /** Creates the signal. */
    public RescheduleTaskImmediately() {
        super("RescheduleTaskImmediately");
    }
}
