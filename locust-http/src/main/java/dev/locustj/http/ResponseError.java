package dev.locustj.http;

import dev.locustj.core.LocustException;

/**
 * A response that the task judged wrong (Locust's {@code ResponseError}). Thrown inside a caught response's
 * try-with-resources block (see {@link HttpRequest#catchResponse()}), it is reported as that request's failure.
 */
public class ResponseError extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public ResponseError(String message) {
        super(message, false);
        dev.locustj.http.internal.InFlight.created(this);
    }
}
