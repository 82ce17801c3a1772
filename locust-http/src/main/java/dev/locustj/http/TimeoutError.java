package dev.locustj.http;

/** A connect or response timeout (see {@link HttpSettings}); reported with status 0. */
public final class TimeoutError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public TimeoutError(String message) {
        super(message);
    }
}
