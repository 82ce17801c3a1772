package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.StatsSnapshot;

/** The process exit code at shutdown (RUN-40). */
public final class ExitCodes {

    private ExitCodes() {
    }

    /**
     * 1) the code user code set; 2) {@code exitCodeOnError} when any request failed or any task raised;
     * 3) 2 when an event listener or runner thread had an unhandled error; 4) 0.
     */
    public static int compute(Environment env, StatsSnapshot snapshot, int exitCodeOnError) {
        if (env.processExitCode().isPresent()) {
            return env.processExitCode().getAsInt();
        }
        if (snapshot.total().numFailures() > 0 || !snapshot.errors().isEmpty() || !snapshot.exceptions().isEmpty()) {
            return exitCodeOnError;
        }
        if (env instanceof DefaultEnvironment d && d.defaultEvents().unhandledError()) {
            return 2;
        }
        return 0;
    }
}
