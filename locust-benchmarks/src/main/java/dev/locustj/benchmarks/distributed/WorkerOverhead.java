package dev.locustj.benchmarks.distributed;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.http.HttpUser;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A worker's overhead over a local run of the same test (issue 6, "Scale"): the same HTTP user class
 * ({@link OverheadUser}: {@code GET PATH} at a constant throughput per user, from a random phase), the same users, warm-up and window,
 * run either by a local runner ({@code local}) or by a worker ({@code worker}) whose master runs in a child JVM
 * (its CPU is not counted). Measures this process's CPU time per request over the window.
 *
 * <pre>WorkerOverhead local|worker URL [PATH=/hello] [USERS=50] [RPS_PER_USER=20] [WARMUP_S=10] [WINDOW_S=30]</pre>
 *
 * <p>Prints {@code RESULT mode=... cpu_us_per_req=... rps=... cpu_pct=... requests=... failures=... load=a->b
 * threads=...} (requests and failures in the window; a run with failures measured error paths, not the test).
 * Run the two modes alternately and compare side by side.
 */
public final class WorkerOverhead {

    private static volatile double rpsPerUser = 20;
    private static volatile String path = "/hello";

    private WorkerOverhead() {
    }

    /** One HTTP request per task, paced to {@code RPS_PER_USER} tasks per second. */
    public static class OverheadUser extends HttpUser {
        /** Creates the user. */
        public OverheadUser() {
        }

        @Override
        public WaitTime waitTime() {
            return WaitTime.constantThroughput(rpsPerUser);
        }

        /**
         * Starts at a random phase of the pacing period: a worker starts its whole share at once, a local run at the
         * spawn rate; without this, the worker's users would fire in lock-step bursts and the two runs would not do
         * the same work.
         */
        @Override
        public void onStart() {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + (long) (1000 / rpsPerUser)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The request. */
        @Task
        public void get() {
            client().get(path);
        }
    }

    /** Runs one measurement (or, with {@code master USERS URL}, the master of a worker run). */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        if (mode.equals("master")) {
            runMaster(url, Integer.parseInt(args[2]));
            return;
        }
        path = args.length > 2 ? args[2] : "/hello";
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        rpsPerUser = args.length > 4 ? Double.parseDouble(args[4]) : 20;
        int warmupS = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int windowS = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        Environment env = Environment.builder().userClasses(OverheadUser.class).host(url)
                .options(Map.of("headless", "true")).build();
        LongAdder requests = new LongAdder();
        LongAdder failures = new LongAdder();
        env.events().request().add(e -> (e.failed() ? failures : requests).increment());
        Process master = null;
        try {
            Runner runner;
            if (mode.equals("local")) {
                runner = env.createLocalRunner();
                runner.start(users, users);
            } else if (mode.equals("worker")) {
                master = Probe.fork(WorkerOverhead.class, List.of("-Xmx256m"), "master", url,
                        String.valueOf(users));
                BufferedReader out = new BufferedReader(new InputStreamReader(master.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                int port = -1;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("PORT ")) {
                        port = Integer.parseInt(line.substring(5).trim());
                        break;
                    }
                }
                if (port < 0) {
                    System.out.println("RESULT mode=worker error=master_did_not_start");
                    return;
                }
                Thread drain = new Thread(() -> out.lines().forEach(System.err::println), "master-out");
                drain.setDaemon(true);
                drain.start();
                runner = DistributedRunners.worker(env, WorkerOptions.defaults().withMaster("127.0.0.1", port));
            } else {
                System.err.println("mode must be local or worker");
                System.exit(2);
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.userCount() < users) {
                if (System.nanoTime() > deadline) {
                    System.out.println("RESULT mode=" + mode + " error=only_" + runner.userCount() + "_users");
                    return;
                }
                Thread.sleep(50);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupS));
            String loadBefore = Probe.loadAverage();
            Map<String, Long> threadsBefore = Probe.threadCpu();
            long f0 = failures.sum();
            long n0 = requests.sum() + f0;
            long[] gj0 = Probe.gcAndJitMillis();
            long t0 = System.nanoTime();
            long c0 = Probe.processCpuNanos();
            Thread.sleep(TimeUnit.SECONDS.toMillis(windowS));
            long c1 = Probe.processCpuNanos();
            long t1 = System.nanoTime();
            long f = failures.sum() - f0;
            long n = requests.sum() + failures.sum() - n0;
            Map<String, Long> threadsAfter = Probe.threadCpu();
            long[] gj1 = Probe.gcAndJitMillis();
            long wall = t1 - t0;
            System.out.printf(Locale.ROOT, "RESULT mode=%s cpu_us_per_req=%.2f rps=%.0f cpu_pct=%.2f requests=%d "
                            + "failures=%d users=%d gc_ms=%d jit_ms=%d load=%s->%s threads=%s%n", mode, (c1 - c0) / 1000.0 / n,
                    n * 1e9 / wall, (c1 - c0) * 100.0 / wall, n, f, users, gj1[0] - gj0[0], gj1[1] - gj0[1], loadBefore,
                    Probe.loadAverage(), Probe.threadBreakdown(threadsBefore, threadsAfter, wall, 8));
        } finally {
            if (master != null) {
                Probe.end(master, 3000);
            }
            System.exit(0);
        }
    }

    /** The master of a worker run: one expected worker, all users at once; ends when stdin closes. */
    private static void runMaster(String url, int users) throws Exception {
        Probe.watchStdin();
        Environment env = Environment.builder().userClasses(OverheadUser.class).host(url)
                .options(Map.of("headless", "true")).build();
        Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0).withExpectWorkers(1, Duration.ofSeconds(30)));
        System.out.println("PORT " + DistributedRunners.boundPort(master).orElseThrow());
        System.out.flush();
        try {
            if (DistributedRunners.awaitWorkers(master)) {
                master.start(users, users);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (!Probe.toldToStop() && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
            }
        } finally {
            Runtime.getRuntime().halt(0); // the worker's process ends the run; nothing to say goodbye to
        }
    }
}
