package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.internal.DefaultEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run without the web UI (RUN-30, RUN-31, RUN-50): create the runner, fire init, start {@code -u}/{@code -r}
 * users (default 1 and 1) or the shape, quit after {@code -t}, and shut down with the final stats.
 */
public final class HeadlessMode implements RunMode {

    private static final Logger LOG = LoggerFactory.getLogger("locust.main");

    private final RunnerFactory runners;

    /** A headless run with runners from {@code runners} ({@link RunnerFactory#LOCAL} for a local run). */
    public HeadlessMode(RunnerFactory runners) {
        this.runners = runners;
    }

    @Override
    public int run(Launch launch) throws InterruptedException {
        LocustOptions o = launch.options();
        Environment env = launch.env();
        Runner runner = runners.create(env, o);
        env.events().init().fire(new Events.EnvironmentEvent(env));
        if (env instanceof DefaultEnvironment d && d.defaultEvents().unhandledError()) {
            launch.err().println("An init event listener failed (see the log above); not starting the test");
            return 1; // Locust treats exceptions in init listeners as fatal
        }
        Session session = new Session(o, env, runner, launch.out());
        session.installSignalHandlers();
        session.startOutputs();
        try {
            runners.awaitReady(runner, o);
            if (env.shapeClass().isPresent()) {
                runner.startShape();
            } else {
                runner.start(o.usersOrDefault(), o.spawnRateOrDefault());
            }
        } catch (LocustException e) { // e.g. "no users with weight > 0" (LF-08): one line, exit code 1
            session.abort();
            throw e;
        }
        if (env.shapeClass().isEmpty()) { // a shape decides when the test ends; -t is ignored (warned above)
            if (o.runTime().isPresent()) {
                session.startRunTimer();
            } else {
                LOG.info("No run time limit set, use CTRL+C to interrupt");
            }
        }
        session.startKeyboard();
        runner.await();
        return session.shutdown();
    }
}
