package dev.locustj.http.internal;

import dev.locustj.http.ResponseError;

/**
 * Remembers the last {@link ResponseError} created on each thread, so that a caught response closed by an
 * exception can tell whether that exception is a ResponseError (Locust reports it as the failure) or something else
 * (Locust reports nothing).
 */
public final class InFlight {

    private record Created(ResponseError error, long nanos) {
    }

    private static final ThreadLocal<Created> LAST = new ThreadLocal<>();
    private static final ThreadLocal<ResponseError> RECORDED = new ThreadLocal<>();

    private InFlight() {
    }

    /** Called by the ResponseError constructor. */
    public static void created(ResponseError error) {
        LAST.set(new Created(error, System.nanoTime()));
    }

    /** Remembers that a catch-response block reported {@code error} as its failure (it is then swallowed). */
    static void recorded(ResponseError error) {
        RECORDED.set(error);
    }

    /** Whether {@code error} is the last one a catch-response block reported on this thread. */
    public static boolean wasRecorded(ResponseError error) {
        return RECORDED.get() == error;
    }

    /** The ResponseError created on this thread since {@code sinceNanos}, if any; forgets it. */
    static ResponseError takeSince(long sinceNanos) {
        Created c = LAST.get();
        if (c == null) {
            return null;
        }
        LAST.remove();
        return c.nanos() - sinceNanos >= 0 ? c.error() : null;
    }
}
