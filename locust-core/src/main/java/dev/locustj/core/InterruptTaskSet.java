package dev.locustj.core;

/**
 * Thrown by {@link TaskSet#interrupt(boolean)}: leaves the running TaskSet and hands control back to its parent.
 * With {@code reschedule} the parent picks its next task at once, without waiting.
 */
public final class InterruptTaskSet extends LocustException {
    private static final long serialVersionUID = 1L;
    private final boolean reschedule;

    /** Creates the signal. */
    public InterruptTaskSet(boolean reschedule) {
        super("InterruptTaskSet", false);
        this.reschedule = reschedule;
    }

    /** Whether the parent picks its next task at once. */
    public boolean reschedule() {
        return reschedule;
    }
}
