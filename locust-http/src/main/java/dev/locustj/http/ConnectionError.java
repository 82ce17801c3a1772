package dev.locustj.http;

import dev.locustj.core.LocustException;

/**
 * No (complete) response: connection refused or reset, unknown host, TLS failure, connection closed early. Reported
 * with status 0; the message is short and free of per-request data, so failures group well in the stats.
 */
public class ConnectionError extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public ConnectionError(String message) {
        super(message, false);
    }

    /** Creates the error with its cause (kept for the log; the message is what the stats show). */
    public ConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
