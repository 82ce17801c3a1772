package dev.locustj.runners.internal;

import org.slf4j.Logger;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The queue between a socket's I/O thread and the one thread that handles its messages in order (the master's
 * and the worker's handler loops). A handler failure is logged and the loop goes on; {@link #stop()} ends it after
 * the messages already queued.
 *
 * @param <T> the message type
 */
final class Inbox<T> {

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object stop = new Object();

    /** Queues a message (any thread). */
    void add(T message) {
        queue.add(message);
    }

    /** Ends {@link #run} once the messages queued before are handled. */
    void stop() {
        queue.add(stop);
    }

    /** Handles messages in order until {@link #stop()} or an interrupt. */
    @SuppressWarnings("unchecked")
    void run(Consumer<T> handler, Function<T, String> describe, Logger log) {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == stop) {
                return;
            }
            T message = (T) next;
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                log.error("handling {} failed: {}", describe.apply(message), e.toString(), e);
            }
        }
    }
}
