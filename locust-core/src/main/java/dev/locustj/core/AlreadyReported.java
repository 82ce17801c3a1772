package dev.locustj.core;

/**
 * An exception whose failure was already recorded as a request's failure, so the task loop must not count it a
 * second time (in the exceptions table). Locust's catch-response context manager records a {@code ResponseError}
 * thrown inside its block and swallows it; in Java the exception still leaves the try-with-resources block, and this
 * marker tells the user loop to treat it like {@link RescheduleTask}: the task ends, the wait time applies, nothing
 * is counted or logged.
 *
 * <p>The loop looks at the throwable that ends the task and at its suppressed exceptions (a resource's
 * {@code close()} that throws one is added there by try-with-resources). Other code that catches such an exception
 * itself may simply ignore it.
 */
public interface AlreadyReported {

    /**
     * Called by the user loop with the throwable that ends the task (this exception, or the one it is suppressed
     * in); true when the failure is recorded, so the loop counts nothing. The default says true.
     */
    default boolean reportedFor(Throwable escaping) {
        return true;
    }

    /** Whether {@code t}, or one of its suppressed exceptions, is an {@link AlreadyReported} that says so. */
    static boolean isReported(Throwable t) {
        if (t instanceof AlreadyReported a && a.reportedFor(t)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (s instanceof AlreadyReported a && a.reportedFor(t)) {
                return true;
            }
        }
        return false;
    }
}
