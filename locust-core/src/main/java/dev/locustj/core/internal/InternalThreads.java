package dev.locustj.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's own threads: the run timer, spawner, shape driver, tickers, writers, signal and network handlers.
 * They are daemon platform threads, never virtual ones: a user whose task never blocks holds a carrier of the
 * virtual-thread scheduler for good, and nothing the process needs to keep time or to stop may wait for a carrier.
 *
 * <p>A {@link VirtualMachineError} (above all {@link OutOfMemoryError}) on such a thread is fatal: it is logged as one
 * line and handed to the installed handler, which ends the run with the results so far written and a non-zero exit
 * code (see {@link #onFatal}). Internal.
 */
public final class InternalThreads {

    private static final Logger LOG = LoggerFactory.getLogger("locust.main");
    private static final AtomicReference<Consumer<String>> HANDLER = new AtomicReference<>(message -> { });

    private InternalThreads() {
    }

    /** Starts a daemon platform thread named {@code name} running {@code task}; an Error on it is fatal. */
    public static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().start(guarded(name, task));
    }

    /** A daemon platform thread named {@code name}, not started; an Error on it is fatal. */
    public static Thread unstarted(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().unstarted(guarded(name, task));
    }

    /** A factory of daemon platform threads named {@code name}, for an executor. */
    public static ThreadFactory factory(String name) {
        return r -> unstarted(name, r);
    }

    /**
     * {@code task}, with a {@link VirtualMachineError} it throws reported through {@link #fatal} instead of being
     * printed as a stack trace (or kept unseen in a scheduled task's future).
     */
    public static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (VirtualMachineError e) {
                fatal(name, e);
            }
        };
    }

    /**
     * Installs what ends the run on a fatal error (the command line's shutdown). It is called at most once per error,
     * on a fresh platform thread, with the line that was logged.
     */
    public static void onFatal(Consumer<String> handler) {
        HANDLER.set(java.util.Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Reports a fatal error on the internal thread {@code threadName}: logs one line at ERROR and ends the run through
     * the installed handler. Safe to call when memory is short: it allocates little and never throws.
     */
    public static void fatal(String threadName, Throwable error) {
        String message;
        try {
            message = error.getClass().getSimpleName() + " on internal thread " + threadName
                    + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")")
                    + ": ending the run, the results so far are written";
            LOG.error(message);
        } catch (Throwable t) {
            message = "fatal error on internal thread " + threadName;
        }
        Consumer<String> handler = HANDLER.get();
        String m = message;
        try {
            Thread.ofPlatform().name("locust-fatal").daemon(false).start(() -> handler.accept(m));
        } catch (Throwable t) {
            handler.accept(m); // no memory for a thread: end the run from here
        }
    }
}
