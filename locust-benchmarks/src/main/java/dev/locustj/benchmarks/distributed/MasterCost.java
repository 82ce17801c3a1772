package dev.locustj.benchmarks.distributed;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The master's own CPU cost (issue 6, "Scale"): a real master ({@link DistributedRunners#master}) on 127.0.0.1 with
 * {@code WORKERS} simulated workers in a child JVM ({@link SimulatedWorkers}: real DEALER sockets, heartbeats every
 * second, a stats report of {@code NAMES} entries every 3 s). The master runs a test (one user per worker), its stats
 * ticker, and, like the headless console, takes a stats snapshot every 2 s. Measures this process's CPU time over
 * an idle window (no workers yet), then {@code WINDOWS} steady windows of {@code WINDOW_S} seconds after a warm-up,
 * and checks that every request the workers reported was merged.
 *
 * <pre>MasterCost [WORKERS=100] [NAMES=100] [RPS_PER_WORKER=1000] [WINDOW_S=30] [WINDOWS=3] [WARMUP_S=15]</pre>
 *
 * <p>Prints {@code WINDOW ...} per window, then
 * {@code RESULT master_cpu_pct=<median> windows=a/b/c idle_cpu_pct=... reports_per_s=... merged_ok=...}.
 */
public final class MasterCost {

    private MasterCost() {
    }

    /** A user class for the dispatch; the simulated workers don't run it. */
    public static class BenchUser extends User {
        /** Creates the user. */
        public BenchUser() {
        }

        @Override
        public WaitTime waitTime() {
            return WaitTime.constant(1);
        }

        /** Does nothing. */
        @Task
        public void work() {
        }
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        int workers = arg(args, 0, 100);
        int names = arg(args, 1, 100);
        int rps = arg(args, 2, 1000);
        int windowS = arg(args, 3, 30);
        int windows = arg(args, 4, 3);
        int warmupS = arg(args, 5, 15);
        Environment env = Environment.builder().userClasses(BenchUser.class)
                .options(Map.of("headless", "true")).build();
        AtomicLong reports = new AtomicLong();
        env.events().workerReport().add(e -> reports.incrementAndGet());
        Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0).withExpectWorkers(workers, Duration.ofSeconds(90)));
        int port = DistributedRunners.boundPort(master).orElseThrow();

        // idle: the bound master with no worker (its socket loop, heartbeat timer)
        Thread.sleep(3000);
        double idle = window("idle", 10, reports).cpuPct;

        long childSeconds = 90 + warmupS + (long) windowS * windows + 30;
        Process child = Probe.fork(SimulatedWorkers.class, List.of("-Xmx1g"), String.valueOf(port),
                String.valueOf(workers), String.valueOf(names), String.valueOf(rps), String.valueOf(childSeconds));
        ScheduledExecutorService console = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-snapshot");
            t.setDaemon(true);
            return t;
        });
        try {
            if (!DistributedRunners.awaitWorkers(master)) {
                System.out.println("RESULT error=only_" + DistributedRunners.workerCount(master).orElse(0)
                        + "_workers_connected");
                return;
            }
            master.start(workers, workers);
            console.scheduleAtFixedRate(() -> env.stats().snapshot(), 2, 2, TimeUnit.SECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupS));
            List<Window> results = new ArrayList<>();
            for (int i = 0; i < windows; i++) {
                results.add(window("steady" + (i + 1), windowS, reports));
            }
            Probe.end(child, 10_000);
            String sent = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .lines().filter(l -> l.startsWith("SENT")).findFirst().orElse("SENT ?");
            Thread.sleep(500);
            long merged = env.stats().snapshot().total().numRequests();
            String sentRequests = sent.replaceAll(".*requests=", "");
            double[] pcts = results.stream().mapToDouble(w -> w.cpuPct).sorted().toArray();
            System.out.printf(Locale.ROOT, "RESULT master_cpu_pct=%.2f windows=%s idle_cpu_pct=%.2f workers=%d "
                            + "names=%d reports_per_s=%.1f merged_requests=%d sent_requests=%s merged_ok=%b%n",
                    pcts[pcts.length / 2], results.stream().map(w -> String.format(Locale.ROOT, "%.2f", w.cpuPct))
                            .reduce((a, b) -> a + "/" + b).orElse(""), idle, workers, names,
                    results.stream().mapToDouble(w -> w.reportsPerS).average().orElse(0), merged, sentRequests,
                    sentRequests.equals(String.valueOf(merged)));
        } finally {
            console.shutdownNow();
            Probe.end(child, 1000);
            master.quit();
            System.exit(0);
        }
    }

    private record Window(double cpuPct, double reportsPerS) {
    }

    private static Window window(String name, int seconds, AtomicLong reports) throws InterruptedException {
        String loadBefore = Probe.loadAverage();
        Map<String, Long> threadsBefore = Probe.threadCpu();
        long r0 = reports.get();
        long t0 = System.nanoTime();
        long c0 = Probe.processCpuNanos();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long c1 = Probe.processCpuNanos();
        long t1 = System.nanoTime();
        long r1 = reports.get();
        Map<String, Long> threadsAfter = Probe.threadCpu();
        long wall = t1 - t0;
        double pct = (c1 - c0) * 100.0 / wall;
        double rate = (r1 - r0) * 1e9 / wall;
        System.out.printf(Locale.ROOT, "WINDOW %s seconds=%d cpu_pct=%.2f reports_per_s=%.1f load=%s->%s threads=%s%n",
                name, seconds, pct, rate, loadBefore, Probe.loadAverage(),
                Probe.threadBreakdown(threadsBefore, threadsAfter, wall, 8));
        return new Window(pct, rate);
    }

    private static int arg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }
}
