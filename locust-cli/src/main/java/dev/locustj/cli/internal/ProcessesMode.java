package dev.locustj.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.cli.LocustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code --processes N} (DIST-04, RUN-42, RUN-54): starts N worker JVMs of the same launcher on this host that
 * connect to {@code --master-host:--master-port}; this process is their master (expecting N workers) unless it
 * is itself started with {@code --worker}, in which case it only waits for them. The exit code is the largest one.
 * One JVM already uses every core, so this is mainly for running against a master elsewhere or for isolation.
 */
final class ProcessesMode implements RunMode {

    private static final Logger LOG = LoggerFactory.getLogger("locust.main");

    @Override
    public int run(Launch launch) throws InterruptedException {
        LocustOptions o = launch.options();
        int n = o.processes().orElse(1);
        if (n == -1) {
            n = Runtime.getRuntime().availableProcessors();
        }
        if (n < 1) {
            throw new ExitException(1, "--processes must be a positive number or -1, got " + n);
        }
        List<Process> children = new ArrayList<>();
        Thread reaper = new Thread(() -> children.forEach(Process::destroy), "locust-processes-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            for (int i = 0; i < n; i++) {
                children.add(startWorker(o, launch.code()));
            }
            LOG.info("Started {} worker processes", n);
            int code;
            if (o.worker()) {
                code = 0;
                for (Process p : children) {
                    code = Math.max(code, p.waitFor());
                }
                return code;
            }
            RunMode master = o.headless() ? new HeadlessMode(new MasterRunnerFactory(n, launch.code().files()))
                    : new WebMode(new MasterRunnerFactory(n, launch.code().files()));
            code = master.run(launch); // --exit-code-on-error and the --check-* options apply to the merged stats
            int worst = 0;
            for (Process p : children) {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                if (!p.isAlive()) {
                    worst = Math.max(worst, p.exitValue());
                }
            }
            if (worst > 1) { // like Locust: reported, but the exit code is the master's
                LOG.error("Bad response code from worker children: {}", worst);
            }
            return code;
        } finally {
            children.forEach(p -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** A worker JVM; it gets the resolved files, so with {@code --worker -f -} only this parent downloads them. */
    private static Process startWorker(LocustOptions o, UserCode code) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + OptionsParser.PROCESSES_CHILD_PROPERTY + "=true", "-cp",
                System.getProperty("java.class.path"), "dev.locustj.cli.Main"));
        cmd.addAll(workerArgs(o, code));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().keySet().removeIf(k -> k.startsWith("LOCUST_"));
            return pb.start();
        } catch (IOException e) {
            throw new ExitException(1, "could not start a worker process: " + e.getMessage());
        }
    }

    /**
     * A child's command line: the options that matter on a worker, as this process resolved them from all sources.
     * Like Locust's forked children, a child reads no config file and no {@code LOCUST_*} variable itself (they
     * would fork again, make it a master, or have each child write the reports) and leaves the run time, the
     * reports, the console tables and the checks to this master.
     */
    static List<String> workerArgs(LocustOptions o, UserCode code) {
        List<String> args = new ArrayList<>(List.of("-f",
                code.files().stream().map(Path::toString).collect(Collectors.joining(",")), "--worker",
                "--master-host", o.masterHost(), "--master-port", String.valueOf(o.masterPort()),
                "-L", o.loglevel(), "--stop-timeout", String.valueOf(o.stopTimeout().toSeconds()),
                "--iterations", String.valueOf(o.iterations())));
        o.logfile().ifPresent(f -> args.addAll(List.of("--logfile", f)));
        if (o.skipLogSetup()) {
            args.add("--skip-log-setup");
        }
        if (o.equalWeights()) {
            args.add("--equal-weights");
        }
        if (!o.configUsers().isEmpty()) {
            try {
                args.add("--config-users");
                args.add(new ObjectMapper().writeValueAsString(o.configUsers()));
            } catch (JsonProcessingException e) {
                throw new ExitException(1, "could not pass --config-users to the worker processes: "
                        + e.getOriginalMessage());
            }
        }
        args.addAll(o.userClasses());
        return args;
    }
}
