package dev.locustj.http;

import dev.locustj.core.LocustException;

/**
 * A response with status 400 or more (Python requests' {@code HTTPError}): the failure reported for it, and what
 * {@link HttpResponse#raiseForStatus()} throws. The message is {@code "404 Client Error: Not Found for url: /x"},
 * where the URL is the request's stats name, so that failures group per name. Named exactly as in Python because
 * the stats show the class's simple name: {@code HTTPError('404 Client Error: ...')}, as Locust does.
 */
public final class HTTPError extends LocustException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /** Creates the error for a status, reason and stats name. */
    public HTTPError(int statusCode, String reason, String name) {
        super(statusCode + (statusCode < 500 ? " Client Error: " : " Server Error: ") + reason + " for url: " + name,
                false);
        this.statusCode = statusCode;
    }

    /** The status code. */
    public int statusCode() {
        return statusCode;
    }
}
