package dev.locustj.cli.internal;

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
            code = master.run(launch);
            int worst = code;
            for (Process p : children) {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                if (!p.isAlive()) {
                    worst = Math.max(worst, p.exitValue());
                }
            }
            if (worst > 1) {
                LOG.error("A worker process exited with code {}", worst);
            }
            return Math.max(code, worst);
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
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.locustj.cli.Main", "-f",
                code.files().stream().map(Path::toString).collect(Collectors.joining(",")), "--worker",
                "--master-host", o.masterHost(), "--master-port", String.valueOf(o.masterPort()),
                "-L", o.loglevel()));
        o.logfile().ifPresent(f -> cmd.addAll(List.of("--logfile", f)));
        if (o.skipLogSetup()) {
            cmd.add("--skip-log-setup");
        }
        cmd.addAll(o.userClasses());
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().keySet().removeIf(k -> k.startsWith("LOCUST_"));
            return pb.start();
        } catch (IOException e) {
            throw new ExitException(1, "could not start a worker process: " + e.getMessage());
        }
    }
}
