package dev.locustj.core;

/**
 * One event of {@link Events}: add listeners, fire it. Like Locust's {@code EventHook}.
 *
 * @param <E> the event type
 */
public interface EventHook<E> {

    /** Adds a listener; returns a handle that removes it again. */
    Registration add(EventListener<? super E> listener);

    /** Fires the event: every listener in the order added ({@code quitting} fires in reverse order). */
    void fire(E event);

    /** Whether any listener is registered (lets callers skip building an event nobody reads). */
    boolean hasListeners();

    /** Removes a listener added with {@link EventHook#add}. */
    @FunctionalInterface
    interface Registration {
        /** Removes the listener; removing twice does nothing. */
        void remove();
    }
}
