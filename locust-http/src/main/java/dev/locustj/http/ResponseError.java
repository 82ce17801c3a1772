package dev.locustj.http;

import dev.locustj.core.AlreadyReported;
import dev.locustj.core.LocustException;

/**
 * A response that the task judged wrong (Locust's {@code ResponseError}). Thrown inside a caught response's
 * try-with-resources block (see {@link HttpRequest#catchResponse()}), it is reported as that request's failure, and
 * then, as Locust's response context manager swallows it, it ends the task quietly: the user loop sees it is
 * {@link AlreadyReported} and does not count it again in the exceptions table. Thrown anywhere else, it is an
 * ordinary task exception.
 */
public class ResponseError extends LocustException implements AlreadyReported {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public ResponseError(String message) {
        super(message, false);
        dev.locustj.http.internal.InFlight.created(this);
    }

    /** True when a catch-response block recorded this error as its request's failure (on this thread). */
    @Override
    public boolean reportedFor(Throwable escaping) {
        return dev.locustj.http.internal.InFlight.wasRecorded(this);
    }
}
