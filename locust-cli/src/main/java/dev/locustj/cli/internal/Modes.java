package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;

/** Picks the {@link RunMode} for the options. INTEGRATION POINT: wire the web UI and distributed runners here. */
public final class Modes {

    private Modes() {
    }

    /** The mode for these options. */
    public static RunMode select(LocustOptions o) {
        if (o.master() || o.worker() || o.processes().isPresent()) {
            // TODO(lead): master/worker runners from locust-runners; --processes forks workers (RUN-42, RUN-54).
            return notAvailable("Distributed mode (--master, --worker, --processes) is not available in this build "
                    + "yet; run with --headless for a local run");
        }
        if (!o.headless()) {
            // TODO(lead): web UI from locust-web (WEB-*); --autostart/--autoquit (RUN-31) reuse Session.
            return notAvailable("The web UI is not available in this build yet; run with --headless (e.g. "
                    + "--headless -u 10 -r 2 -t 1m)");
        }
        return new HeadlessMode(RunnerFactory.LOCAL);
    }

    private static RunMode notAvailable(String message) {
        return launch -> {
            launch.err().println(message);
            return 1;
        };
    }
}
