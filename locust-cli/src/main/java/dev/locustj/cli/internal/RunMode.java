package dev.locustj.cli.internal;

/**
 * INTEGRATION POINT: how one kind of run proceeds once the options are parsed and the user code is loaded.
 * {@link Modes#select} picks one: today the headless local run ({@link HeadlessMode} with
 * {@link RunnerFactory#LOCAL}); the web UI (not --headless), --master, --worker and --processes are placeholders
 * that say they are not available yet.
 * The web and runners modules plug in here: create the runner (master/worker), start the web UI, then reuse
 * {@link Session} for the periodic stats, CSV, run-time timer, signals and the shutdown sequence.
 */
@FunctionalInterface
public interface RunMode {

    /** Runs; returns the process exit code. */
    int run(Launch launch) throws InterruptedException;
}
