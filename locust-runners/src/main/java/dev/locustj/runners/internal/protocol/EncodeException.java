package dev.locustj.runners.internal.protocol;

import dev.locustj.core.LocustException;

/** A value that msgpack (as Locust uses it) cannot carry, e.g. an arbitrary object in a custom message. */
public final class EncodeException extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates it with a message for a person. */
    public EncodeException(String message) {
        super(message);
    }
}
