package dev.locustj.core.internal;

import dev.locustj.core.EventHook;
import dev.locustj.core.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event hook: a copy-on-write array of listeners, so firing (the hot path for {@code request}) is a plain loop
 * with no lock and no allocation. A throwing listener is logged and flags an unhandled error (exit code 2).
 *
 * @param <E> the event type
 */
public final class DefaultEventHook<E> implements EventHook<E> {

    private static final Logger LOG = LoggerFactory.getLogger("locust.events");
    private static final EventListener<?>[] EMPTY = new EventListener<?>[0];

    private final String name;
    private final boolean reverse;
    private final AtomicBoolean unhandledError;
    private volatile EventListener<? super E>[] listeners;

    /** Creates a hook; {@code reverse} fires the listeners last-added first. */
    @SuppressWarnings("unchecked")
    public DefaultEventHook(String name, boolean reverse, AtomicBoolean unhandledError) {
        this.name = name;
        this.reverse = reverse;
        this.unhandledError = unhandledError;
        this.listeners = (EventListener<? super E>[]) EMPTY;
    }

    @Override
    public synchronized Registration add(EventListener<? super E> listener) {
        EventListener<? super E>[] old = listeners;
        EventListener<? super E>[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = listener;
        listeners = next;
        return () -> remove(listener);
    }

    private synchronized void remove(EventListener<? super E> listener) {
        EventListener<? super E>[] old = listeners;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == listener) {
                @SuppressWarnings("unchecked")
                EventListener<? super E>[] next = (EventListener<? super E>[]) new EventListener<?>[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                listeners = next;
                return;
            }
        }
    }

    @Override
    public void fire(E event) {
        EventListener<? super E>[] ls = listeners;
        if (reverse) {
            for (int i = ls.length - 1; i >= 0; i--) {
                call(ls[i], event);
            }
        } else {
            for (EventListener<? super E> l : ls) {
                call(l, event);
            }
        }
    }

    private void call(EventListener<? super E> listener, E event) {
        try {
            listener.on(event);
        } catch (dev.locustj.core.StopUser | dev.locustj.core.StopTest | dev.locustj.core.RescheduleTask
                 | dev.locustj.core.InterruptTaskSet control) {
            throw control;
        } catch (RuntimeException | Error e) {
            unhandledError.set(true);
            LOG.error("Uncaught exception in event handler of '{}': {}", name, e.toString(), e);
        }
    }

    @Override
    public boolean hasListeners() {
        return listeners.length > 0;
    }
}
