package dev.locustj.http;

/**
 * The failure recorded by {@link HttpResponse#failure(String)} (Locust's {@code CatchResponseError}); the stats show
 * its bare message.
 */
public final class CatchResponseError extends ResponseError {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public CatchResponseError(String message) {
        super(message);
    }
}
