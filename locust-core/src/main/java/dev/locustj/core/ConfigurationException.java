package dev.locustj.core;

/**
 * A problem with the configuration of a run (options, locustfile, user classes): reported as one line and exit
 * code 1 by the launcher, never with a stack trace.
 */
public class ConfigurationException extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for a person. */
    public ConfigurationException(String message) {
        super(message);
    }

    /** Creates the exception with a message for a person and the cause (logged at debug level only). */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
