package dev.locustj.core;

/** Thrown anywhere in a user to stop the whole test (Locust's StopTest): headless quits, the web UI stops. */
public final class StopTest extends LocustException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal with a reason that is logged. */
    public StopTest(String reason) {
        super(reason, false);
    }

    /** Creates the signal. */
    public StopTest() {
        this("StopTest");
    }
}
