package dev.locustj.core;

/**
 * Base of every exception Locust for Java throws or understands. Unchecked.
 *
 * <p>Control-flow exceptions ({@link StopUser}, {@link RescheduleTask}, {@link InterruptTaskSet}, {@link StopTest})
 * extend it, and so do configuration errors ({@link ConfigurationException}).
 */
public class LocustException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message for a person. */
    public LocustException(String message) {
        super(message);
    }

    /** Creates an exception with a message for a person and its cause. */
    public LocustException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For control-flow subclasses: no stack trace is filled in (they are thrown often and never printed). */
    protected LocustException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
