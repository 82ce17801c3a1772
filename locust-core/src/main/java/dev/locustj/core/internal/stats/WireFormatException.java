package dev.locustj.core.internal.stats;

import dev.locustj.core.LocustException;

/** A stats report from another node that doesn't have the shape of protocol section 7. */
public final class WireFormatException extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates it with a message for a person. */
    public WireFormatException(String message) {
        super(message);
    }
}
