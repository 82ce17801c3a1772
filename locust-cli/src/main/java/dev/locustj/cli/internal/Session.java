package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.ExitCodes;
import dev.locustj.core.internal.InternalThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life cycle around a runner that every mode shares (RUN-31, RUN-50..52, OUT-01): the periodic console
 * table, the CSV writer, the run-time timer, SIGTERM/SIGINT, and the shutdown sequence that prints the final
 * stats and computes the exit code. {@link #shutdown()} runs once, whichever path gets there first.
 */
public final class Session {

    static final Duration CONSOLE_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger("locust.main");
    private static final Logger STATS = LoggerFactory.getLogger(LogSetup.STATS_LOGGER);

    private final LocustOptions options;
    private final Environment env;
    private final Runner runner;
    private final PrintStream out;
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch shutdownDone = new CountDownLatch(1);
    private final CsvOutput csv;
    private volatile int exitCode;
    private volatile boolean fatal;
    private volatile Thread printer;
    private volatile Thread timer;
    private volatile Thread keyboard;

    /** A session for a runner of {@code env}. */
    public Session(LocustOptions options, Environment env, Runner runner, PrintStream out) {
        this.options = options;
        this.env = env;
        this.runner = runner;
        this.out = out;
        this.csv = CsvOutput.create(options, env);
    }

    /** Starts the console table (unless --only-summary; with --print-stats also in UI runs) and the CSV writer. */
    public void startOutputs() {
        if (!options.onlySummary() && (options.printStats() || (options.headless() && !options.worker()))) {
            printer = InternalThreads.start("locust-stats-printer", this::printLoop);
        }
        csv.start();
    }

    /**
     * Installs SIGTERM/SIGINT handlers and a shutdown hook, so stats and CSV files are never lost (RUN-51/52), and
     * ends the run the same way, with exit code 2, on a fatal error (out of memory) on an internal thread.
     */
    public void installSignalHandlers() {
        InternalThreads.onFatal(message -> {
            fatal = true;
            shutdownAndExit();
        });
        Signals.handle("TERM", () -> {
            LOG.info("Got SIGTERM signal");
            Thread.ofPlatform().name("locust-sigterm").start(this::shutdownAndExit);
        });
        Signals.handle("INT", () -> {
            if (shutdownStarted.get()) { // a second Ctrl-C while shutting down: leave at once
                Runtime.getRuntime().halt(1);
            }
            Thread.ofPlatform().name("locust-sigint").start(this::shutdownAndExit);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!shutdownStarted.get()) {
                shutdown();
            }
        }, "locust-shutdown-hook"));
    }

    /** Starts the keyboard listener when stdin is a terminal (RUN-15; not on workers). */
    public void startKeyboard() {
        if (!options.worker()) {
            keyboard = Keyboard.start(runner);
        }
    }

    /**
     * Ends the test after {@code --run-time} (RUN-31): headless, quits the runner; with {@code --autostart} and the
     * web UI, stops the test and quits {@code --autoquit} seconds later (or never).
     */
    public void startRunTimer() {
        options.runTime().ifPresent(t -> {
            LOG.info("Run time limit set to {} seconds", t.toSeconds());
            timer = InternalThreads.start("locust-run-time", () -> {
                try {
                    Thread.sleep(t);
                    stopAndOptionallyQuit("--run-time limit reached");
                } catch (InterruptedException e) {
                    // shut down before the time was up
                }
            });
        });
    }

    /** Locust's stop_and_optionally_quit (RUN-31, RUN-33): also used when a shape ends. */
    public void stopAndOptionallyQuit(String reason) throws InterruptedException {
        if (options.autostart() && !options.headless()) {
            LOG.info("{}, stopping test", reason);
            runner.stop();
            if (options.autoquit() != -1) {
                LOG.debug("Autoquit time limit set to {} seconds", options.autoquit());
                Thread.sleep(Duration.ofSeconds(options.autoquit()));
                LOG.info("--autoquit time reached, shutting down");
                runner.quit();
            } else {
                LOG.info("--autoquit not specified, leaving web ui running indefinitely");
            }
        } else {
            LOG.info("{}, shutting down", reason);
            runner.quit();
        }
    }

    private void printLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(CONSOLE_INTERVAL);
                if (shutdownStarted.get()) {
                    return;
                }
                printLines(StatsOutputs.periodic(env.stats().snapshot()));
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (RuntimeException e) {
            LOG.error("Stats printer failed: {}", e.toString(), e);
        }
    }

    private static void printLines(List<String> lines) {
        STATS.info(String.join(System.lineSeparator(), lines));
    }

    private void shutdownAndExit() {
        int code = shutdown();
        System.exit(code);
    }

    /**
     * Ends the session without the shutdown sequence, for a test that could not start (a configuration error):
     * stops the printer and timer, quits the runner, closes the CSV files; the caller reports the error.
     */
    public void abort() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        try {
            interrupt(keyboard);
            interrupt(printer);
            interrupt(timer);
            runner.quit();
            csv.close();
        } finally {
            exitCode = 1;
            shutdownDone.countDown();
        }
    }

    /**
     * Locust's shutdown() (RUN-50): fires quitting, computes the exit code (RUN-40, CLI-59), logs "Shutting down
     * (exit code N)", quits the runner, prints the final tables (or JSON), fires quit, closes the CSV files.
     * Runs once; later calls wait for the first and return its exit code.
     */
    public int shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            try {
                shutdownDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return exitCode;
        }
        try {
            exitCode = doShutdown();
        } catch (RuntimeException e) {
            LOG.error("Shutdown failed: {}", e.toString(), e);
            exitCode = 2;
        } finally {
            shutdownDone.countDown();
        }
        return exitCode;
    }

    private int doShutdown() {
        LOG.debug("Running teardowns...");
        interrupt(keyboard);
        env.events().quitting().fire(new Events.EnvironmentEvent(env));
        StatsSnapshot snapshot = env.stats().snapshot();
        int code = options.worker() ? workerExitCode() : ExitCodes.compute(env, snapshot, options.exitCodeOnError());
        if (env.processExitCode().isEmpty() && !options.worker()) { // a worker's totals are reset at every report:
            code = checks(snapshot).orElse(code);                     // the master checks the merged stats
        }
        if (fatal && code == 0) {
            code = 2;
        }
        LOG.info("Shutting down (exit code {})", code);
        interrupt(printer);
        interrupt(timer);
        LOG.debug("Cleaning up runner...");
        runner.quit();
        StatsSnapshot last = env.stats().snapshot();
        if (options.json() || options.jsonFile().isPresent()) {
            String json = StatsOutputs.json(env);
            if (options.json()) {
                out.println(json);
                out.flush();
            }
            if (options.jsonFile().isPresent()) {
                try {
                    StatsOutputs.writeJson(json, options.jsonFile().get());
                } catch (IOException e) {
                    LOG.error("Could not write {}.json: {}", options.jsonFile().get(), e.getMessage());
                }
            }
        }
        if (options.jsonFile().isEmpty() && !options.worker()) {
            printLines(StatsOutputs.finalSummary(last));
        }
        if (options.htmlFile().isPresent()) {
            // OUT-40. Unlike Locust (RUN-52) also on SIGTERM: results asked for are never lost.
            try {
                dev.locustj.web.HtmlReport.write(env, java.nio.file.Path.of(options.htmlFile().get()));
                LOG.info("HTML report written to {}", options.htmlFile().get());
            } catch (RuntimeException e) {
                LOG.error("Could not write the HTML report {}: {}", options.htmlFile().get(), e.getMessage());
            }
        }
        env.events().quit().fire(new Events.QuitEvent(env, code));
        csv.close();
        return code;
    }

    /**
     * A worker's exit code, as Locust's: its failures and task exceptions belong to the master (which applies
     * {@code --exit-code-on-error} and the checks), so only a code set by user code or the runner, or a failed event
     * listener (2), count.
     */
    private int workerExitCode() {
        if (env.processExitCode().isPresent()) {
            return env.processExitCode().getAsInt();
        }
        return env instanceof DefaultEnvironment d && d.defaultEvents().unhandledError() ? 2 : 0;
    }

    /** locust-plugins' checks (CLI-59): exit code 3 when one fails. */
    private Optional<Integer> checks(StatsSnapshot s) {
        StatsEntrySnapshot t = s.total();
        boolean failed = false;
        if (options.checkFailRatio().isPresent() && t.failRatio() > options.checkFailRatio().getAsDouble()) {
            LOG.info(String.format(Locale.ROOT, "CHECK FAILED: fail ratio was %.1f%% (threshold %.1f%%)",
                    t.failRatio() * 100, options.checkFailRatio().getAsDouble() * 100));
            failed = true;
        }
        if (options.checkRps().isPresent() && t.totalRps() < options.checkRps().getAsDouble()) {
            LOG.info(String.format(Locale.ROOT, "CHECK FAILED: total rps was %.1f (threshold %.1f)",
                    t.totalRps(), options.checkRps().getAsDouble()));
            failed = true;
        }
        if (options.checkAvgResponseTime().isPresent()
                && t.avgResponseTime() > options.checkAvgResponseTime().getAsDouble()) {
            LOG.info(String.format(Locale.ROOT, "CHECK FAILED: avg response time was %.1f (threshold %.1f)",
                    t.avgResponseTime(), options.checkAvgResponseTime().getAsDouble()));
            failed = true;
        }
        return failed ? Optional.of(3) : Optional.empty();
    }

    private static void interrupt(Thread t) {
        if (t != null) {
            t.interrupt();
        }
    }
}
