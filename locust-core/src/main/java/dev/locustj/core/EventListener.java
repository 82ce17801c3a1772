package dev.locustj.core;

/**
 * A listener of one event. Listeners run on the thread that fires the event (for {@code request}, the user's own
 * virtual thread): they must be fast, must not block and should not throw. A listener that throws is logged once
 * and marks the run as having an unhandled error (exit code 2), and the event still counts.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventListener<E> {
    /** Called once per fired event. */
    void on(E event);
}
