package dev.locustj.http.internal;

import dev.locustj.core.AlreadyReported;
import dev.locustj.core.LocustException;

/**
 * Thrown by a rest() response's {@code close()} when an exception leaves its block; try-with-resources adds it to
 * that exception as suppressed. When the exception reaches the user loop (or anyone calling
 * {@link AlreadyReported#isReported(Throwable)}), the request is reported as failed with the exception's text and
 * the loop counts nothing more, as Locust's rest() swallows the exception.
 */
final class RestExit extends LocustException implements AlreadyReported {
    private static final long serialVersionUID = 1L;

    private final transient DefaultHttpResponse response;
    private boolean done;
    private boolean result;

    RestExit(DefaultHttpResponse response) {
        super("rest(): " + response.method() + " " + response.name()
                + " is reported as failed with this exception's text when it ends the task", false);
        this.response = response;
    }

    @Override
    public synchronized boolean reportedFor(Throwable escaping) {
        if (!done) {
            done = true;
            result = response != null && response.reportEscaping(escaping);
        }
        return result;
    }
}
