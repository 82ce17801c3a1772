package dev.locustj.cli.internal;

/**
 * How one kind of run proceeds once the options are parsed and the user code is loaded. {@link Modes#select} picks
 * one: {@link HeadlessMode} (--headless) or {@link WebMode} (the web UI), each with a local or a master runner from a
 * {@link RunnerFactory}; {@link WorkerMode} (--worker); {@link ProcessesMode} (--processes, which forks worker JVMs
 * and runs a master). The modes share {@link Session} for the periodic stats, CSV, run-time timer, signals and the
 * shutdown sequence.
 */
@FunctionalInterface
public interface RunMode {

    /** Runs; returns the process exit code. */
    int run(Launch launch) throws InterruptedException;
}
