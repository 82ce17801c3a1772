package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;

/** Picks the {@link RunMode} for the options. Local, master or worker; headless or with the web UI. */
public final class Modes {

    private Modes() {
    }

    /** The mode for these options; a master serves {@code code}'s files to {@code -f -} workers (DIST-09). */
    public static RunMode select(LocustOptions o, UserCode code) {
        if (o.processes().isPresent()) {
            return new ProcessesMode();
        }
        if (o.worker()) {
            return new WorkerMode();
        }
        RunnerFactory runners = o.master() ? new MasterRunnerFactory(o.expectWorkers(), code.files())
                : RunnerFactory.LOCAL;
        return o.headless() ? new HeadlessMode(runners) : new WebMode(runners);
    }
}
