package dev.locustj.http;

import dev.locustj.core.LocustException;

/** A response that the task judged wrong (Locust's {@code ResponseError}). */
public class ResponseError extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public ResponseError(String message) {
        super(message, false);
    }
}
