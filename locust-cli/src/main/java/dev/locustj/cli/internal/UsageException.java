package dev.locustj.cli.internal;

import dev.locustj.core.ConfigurationException;

/**
 * A bad command line, environment variable or configuration-file entry: reported as one line and exit code 2, like
 * argparse (CFG-05, RUN-41).
 */
public final class UsageException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for a person. */
    public UsageException(String message) {
        super(message);
    }
}
