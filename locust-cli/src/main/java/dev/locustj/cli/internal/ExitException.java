package dev.locustj.cli.internal;

import dev.locustj.core.LocustException;

/** Ends the launcher with a given exit code after printing one line (RUN-41: -1 is exit code 255). */
public final class ExitException extends LocustException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** Creates the exception with the process exit code and a message for a person. */
    public ExitException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
