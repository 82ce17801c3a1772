package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;

/**
 * Creates the runner of a {@link HeadlessMode} or {@link WebMode} run: {@link #LOCAL}, or a
 * {@link MasterRunnerFactory} (--master), whose {@link #awaitReady} waits for {@code --expect-workers}.
 */
public interface RunnerFactory {

    /** The local runner (Locust's create_local_runner). */
    RunnerFactory LOCAL = (env, options) -> env.createLocalRunner();

    /** Creates the runner and registers it with the environment. */
    Runner create(Environment env, LocustOptions options);

    /**
     * Blocks until the test can start (RUN-30: a master waits for its workers, and gives up after
     * {@code --expect-workers-max-wait} with an {@link ExitException}). The default starts at once.
     */
    default void awaitReady(Runner runner, LocustOptions options) throws InterruptedException {
    }
}
