package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.web.WebUi;
import dev.locustj.web.WebUiOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * A run with the web UI (WEB-*, CLI-11..24): create the runner, start the web UI (before {@code init}, so init
 * listeners can add routes), then wait for the browser to start tests; {@code --autostart} starts at once and
 * {@code --run-time}/{@code --autoquit} end it (RUN-31). Ctrl-C or SIGTERM shut down with the final stats.
 */
public final class WebMode implements RunMode {

    private static final Logger LOG = LoggerFactory.getLogger("locust.main");

    private final RunnerFactory runners;

    /** A web UI run with runners from {@code runners}. */
    public WebMode(RunnerFactory runners) {
        this.runners = runners;
    }

    @Override
    public int run(Launch launch) throws InterruptedException {
        LocustOptions o = launch.options();
        Environment env = launch.env();
        Runner runner = runners.create(env, o);
        WebUi ui = WebUi.start(env, webOptions(o));
        try {
            env.events().init().fire(new Events.EnvironmentEvent(env));
            if (env instanceof DefaultEnvironment d && d.defaultEvents().unhandledError()) {
                launch.err().println("An init event listener failed (see the log above); not starting");
                return 1;
            }
            Session session = new Session(o, env, runner, launch.out());
            session.installSignalHandlers();
            session.startOutputs();
            if (o.autostart()) {
                try {
                    runners.awaitReady(runner, o);
                    if (env.shapeClass().isPresent()) {
                        runner.startShape();
                    } else {
                        runner.start(o.usersOrDefault(), o.spawnRateOrDefault());
                        session.startRunTimer();
                    }
                } catch (LocustException e) {
                    session.abort();
                    throw e;
                }
            }
            session.startKeyboard();
            runner.await();
            return session.shutdown();
        } finally {
            ui.stop();
        }
    }

    static WebUiOptions webOptions(LocustOptions o) {
        WebUiOptions.Builder b = WebUiOptions.builder().webHost(o.webHost()).webPort(o.webPort())
                .webLogin(o.webLogin()).webBasePath(o.webBasePath()).classPicker(o.classPicker())
                .locustfile(o.locustfile());
        if (o.tlsCert().isPresent() != o.tlsKey().isPresent()) {
            throw new ConfigurationException("--tls-cert and --tls-key must be given together");
        }
        if (o.tlsCert().isPresent()) {
            b.tls(Path.of(o.tlsCert().get()), Path.of(o.tlsKey().get()));
        }
        o.webHostDisplayName().ifPresent(b::hostDisplayName);
        o.users().ifPresent(b::users);
        o.spawnRate().ifPresent(b::spawnRate);
        o.runTime().ifPresent(t -> b.runTime(t.toSeconds() + "s"));
        String auth = o.raw().get("web-auth");
        if (auth != null && !auth.isBlank()) {
            int colon = auth.indexOf(':');
            if (colon <= 0 || colon == auth.length() - 1) {
                throw new ConfigurationException("Invalid format for --web-auth, should be username:password");
            }
            b.webAuth(auth);
        }
        LOG.debug("web UI options: {}", b);
        return b.build();
    }
}
