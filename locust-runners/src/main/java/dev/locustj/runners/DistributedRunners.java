package dev.locustj.runners;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.internal.LocustfileDownload;
import dev.locustj.runners.internal.MasterRunner;
import dev.locustj.runners.internal.WorkerRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Creates the runners of a distributed run (DIST-01), wire-compatible with Python Locust 2.12 .. 2.4x masters and
 * workers. Each factory registers the runner as the environment's runner.
 *
 * <pre>{@code
 * Runner master = DistributedRunners.master(env, MasterOptions.defaults().withExpectWorkers(2, Duration.ZERO));
 * if (DistributedRunners.awaitWorkers(master)) { master.start(10, 2); }
 *
 * Runner worker = DistributedRunners.worker(env, WorkerOptions.defaults().withMaster("10.0.0.1", 5557));
 * worker.await();
 * }</pre>
 */
public final class DistributedRunners {

    private DistributedRunners() {
    }

    /**
     * Binds the master's socket ({@code --master}) and returns its runner. Throws {@link ConfigurationException} when
     * the port can't be bound (Locust exits with code 1 then, CLI-27).
     */
    public static Runner master(Environment env, MasterOptions options) {
        DefaultEnvironment de = concrete(env);
        MasterRunner runner = new MasterRunner(de, options);
        try {
            de.runner(runner);
        } catch (RuntimeException e) {
            runner.quit();
            throw e;
        }
        return runner;
    }

    /**
     * Connects a worker to the master ({@code --worker}) and returns its runner; returns at once and keeps asking
     * the master for an ack in the background. When the master never answers (60 tries of 5 s by default) the
     * runner quits with process exit code -1, like Locust. The runner ends (await returns) when the master sends
     * {@code quit}, or when the master's heartbeats stop (exit code 1).
     */
    public static Runner worker(Environment env, WorkerOptions options) {
        DefaultEnvironment de = concrete(env);
        WorkerRunner runner = new WorkerRunner(de, options);
        try {
            de.runner(runner);
        } catch (RuntimeException e) {
            runner.quit();
            throw e;
        }
        return runner;
    }

    /**
     * For a headless or autostart master: waits until {@code --expect-workers} workers are ready (RUN-30, CLI-28/29),
     * logging every second. False when {@code --expect-workers-max-wait} passed first (Locust then quits with exit
     * code 1). True at once for a runner that isn't a master.
     */
    public static boolean awaitWorkers(Runner master) throws InterruptedException {
        return master instanceof MasterRunner m ? m.awaitWorkers() : true;
    }

    /** The port a master bound (useful with port 0); empty for other runners. */
    public static OptionalInt boundPort(Runner runner) {
        return runner instanceof MasterRunner m ? OptionalInt.of(m.port()) : OptionalInt.empty();
    }

    /** The number of ready, spawning or running workers of a master; empty for other runners. */
    public static OptionalInt workerCount(Runner runner) {
        return runner instanceof MasterRunner m ? OptionalInt.of(m.workerCount()) : OptionalInt.empty();
    }

    /** A master's workers, sorted by id; empty for other runners. */
    public static List<WorkerInfo> workers(Runner runner) {
        return runner instanceof MasterRunner m ? m.workers() : List.of();
    }

    /**
     * The last log lines (≤500) each worker sent to a master in {@code logs} messages (DIST-10, Locust ≥2.29
     * workers and Java workers), by worker id; empty for other runners.
     */
    public static Map<String, List<String>> workerLogs(Runner runner) {
        return runner instanceof MasterRunner m ? m.workerLogs() : Map.of();
    }

    /**
     * For a worker started with {@code -f -} (DIST-09, LF-04): asks the master at {@code options}' address for its
     * locustfile(s), as Locust ≥2.23 does, and writes them into {@code directory} (which must exist). Asks every
     * second from a temporary socket (closed before this returns); passes "Waiting to connect to master to receive
     * locustfile..." to {@code warnings} after 10 s and then every 60 s; gives up after
     * {@code connectTimeout × connectRetries} of the options (300 s by default).
     *
     * @return the written files' absolute paths, and any URLs the master sent, in the master's order
     * @throws ConfigurationException with one line (Locust's wording): no reply in time, {@code Got error from
     *                                master: ...}, or a malformed reply
     */
    public static List<String> downloadLocustfiles(WorkerOptions options, Path directory, Consumer<String> warnings)
            throws InterruptedException {
        return LocustfileDownload.download(options, directory, warnings);
    }

    private static DefaultEnvironment concrete(Environment env) {
        if (env instanceof DefaultEnvironment de) {
            return de;
        }
        throw new ConfigurationException("distributed runners need an environment made by Environment.builder()");
    }
}
