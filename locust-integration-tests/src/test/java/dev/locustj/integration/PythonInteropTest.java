package dev.locustj.integration;

import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java runners against Debian's Python Locust 2.12.1 over loopback ZeroMQ (DIST-01..08, protocol §12): a Java
 * worker under a Python master, Python workers under a Java master, and a mixed cluster.
 */
@Timeout(120)
class PythonInteropTest {

    /** The Java twin of the locustfile's {@code Requester}: a custom (non-HTTP) client firing request events. */
    public static class Requester extends User {
        @Override
        public WaitTime waitTime() {
            return WaitTime.constant(0.05);
        }

        static final java.util.concurrent.atomic.AtomicLong FIRED = new java.util.concurrent.atomic.AtomicLong();

        @Task
        public void work() {
            long n = FIRED.incrementAndGet();
            if (n % 5 == 0) {
                environment().events().request().fire(RequestEvent.failure("kv", "/java", 145.0, 0,
                        new java.io.IOException("got 500")));
            } else {
                environment().events().request().fire(RequestEvent.success("kv", "/java", 12.0, 10));
            }
        }
    }

    @BeforeAll
    static void python() {
        PythonLocust.assumeInstalled();
    }

    private static Environment env() {
        return Environment.builder().userClasses(List.<Class<? extends User>>of(Requester.class))
                .options(Map.of("headless", "true")).build();
    }

    private static void await(String what, Duration timeout, BooleanSupplier c, PythonLocust py, String... logs)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("timed out waiting for " + what);
                for (String l : logs) {
                    sb.append("\n--- ").append(l).append(" ---\n").append(py.log(l));
                }
                throw new AssertionError(sb.toString());
            }
            Thread.sleep(50);
        }
    }

    /** Collects which request names each node reported in its stats messages. */
    private static Map<String, Set<String>> reportedNames(Environment env) {
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        env.events().workerReport().add((Events.ReportEvent e) -> {
            if (e.data().get("stats") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                        seen.computeIfAbsent(e.clientId(), k -> ConcurrentHashMap.newKeySet()).add(n);
                    }
                }
            }
        });
        return seen;
    }

    @Test
    void javaWorkerRunsUnderAPythonMaster(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            int port = PythonLocust.freePort();
            Process master = py.start("master", "--master", "--master-bind-host", "127.0.0.1", "--master-bind-port",
                    String.valueOf(port), "--headless", "-u", "4", "-r", "4", "-t", "8s", "--expect-workers", "1",
                    "--expect-workers-max-wait", "30", "--csv", dir.resolve("out").toString(),
                    "--exit-code-on-error", "0");
            Requester.FIRED.set(0);
            Environment env = env();
            Runner worker = DistributedRunners.worker(env, WorkerOptions.defaults().withMaster("127.0.0.1", port));
            await("4 users on the Java worker", Duration.ofSeconds(30), () -> worker.userCount() == 4, py, "master");
            assertThat(master.waitFor(60, TimeUnit.SECONDS)).as(py.log("master")).isTrue();
            assertThat(worker.await(Duration.ofSeconds(15))).as("the worker quits when the master does").isTrue();
            String log = py.log("master");
            assertThat(master.exitValue()).as(log).isZero();
            assertThat(log).contains("All users spawned: {\"Requester\": 4} (4 total users)");
            String csv = Files.readString(dir.resolve("out_stats.csv"));
            assertThat(csv).as("the Python master's CSV shows the Java worker's requests").contains("kv,/java,");
            // every request the Java users fired reached the Python master (deltas, plus the final report on quit)
            String row = csv.lines().filter(l -> l.startsWith("kv,/java,")).findFirst().orElseThrow();
            String[] cols = row.split(",");
            long fired = Requester.FIRED.get();
            assertThat(Long.parseLong(cols[2])).as(row).isEqualTo(fired);
            assertThat(Long.parseLong(cols[3])).as("failures in " + row).isEqualTo(fired / 5);
            assertThat(cols[4]).as("median of the bucketed times in " + row).isEqualTo("12");
            String failures = Files.readString(dir.resolve("out_failures.csv"));
            assertThat(failures).contains("kv,/java,").contains("got 500");
            assertThat(env.processExitCode()).isEmpty();
        }
    }

    @Test
    void mixedClusterUnderAPythonMaster(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            int port = PythonLocust.freePort();
            Process master = py.start("master", "--master", "--master-bind-host", "127.0.0.1", "--master-bind-port",
                    String.valueOf(port), "--headless", "-u", "4", "-r", "4", "-t", "8s", "--expect-workers", "2",
                    "--expect-workers-max-wait", "40", "--csv", dir.resolve("out").toString(),
                    "--exit-code-on-error", "0");
            Process pw = py.start(true, "pw", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            Runner jw = DistributedRunners.worker(env(), WorkerOptions.defaults().withMaster("127.0.0.1", port));
            await("2 users on the Java worker", Duration.ofSeconds(40), () -> jw.userCount() == 2, py, "master", "pw");
            assertThat(master.waitFor(60, TimeUnit.SECONDS)).as(py.log("master")).isTrue();
            assertThat(master.exitValue()).as(py.log("master")).isZero();
            assertThat(jw.await(Duration.ofSeconds(15))).isTrue();
            assertThat(pw.waitFor(20, TimeUnit.SECONDS)).as(py.log("pw")).isTrue();
            String csv = Files.readString(dir.resolve("out_stats.csv"));
            assertThat(csv).contains("kv,/java,").contains("kv,/py,");
        }
    }

    @Test
    void pythonWorkersRunUnderAJavaMaster(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            Environment env = env();
            Map<String, Set<String>> names = reportedNames(env);
            Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                    .withBindPort(0));
            int port = DistributedRunners.boundPort(master).orElseThrow();
            Process w1 = py.start("w1", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            Process w2 = py.start("w2", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            // Debian's workers send the empty version string: the Java master accepts it
            await("2 Python workers", Duration.ofSeconds(40),
                    () -> DistributedRunners.workerCount(master).orElse(0) == 2, py, "w1", "w2");
            master.start(4, 100);
            await("4 users reported", Duration.ofSeconds(20), () -> master.userCount() == 4, py, "w1", "w2");
            assertThat(master.userClassesCount()).containsEntry("Requester", 4);
            await("stats from both workers", Duration.ofSeconds(20),
                    () -> names.size() == 2 && names.values().stream().allMatch(s -> s.contains("/py")), py, "w1",
                    "w2");
            // merged into the master's stats: the Python workers' bucketed 7 ms requests
            var snapshot = env.stats().snapshot();
            var py7 = snapshot.entries().stream().filter(e -> e.name().equals("/py")).findFirst().orElseThrow();
            assertThat(py7.method()).isEqualTo("kv");
            assertThat(py7.numRequests()).isPositive();
            assertThat(py7.minResponseTime()).isEqualTo(7.0);
            assertThat(snapshot.total().numRequests()).isGreaterThanOrEqualTo(py7.numRequests());
            master.quit();
            assertThat(w1.waitFor(20, TimeUnit.SECONDS)).as(py.log("w1")).isTrue();
            assertThat(w2.waitFor(20, TimeUnit.SECONDS)).as(py.log("w2")).isTrue();
            assertThat(py.log("w1")).contains("Got quit message from master")
                    .doesNotContain("Unknown message type").doesNotContain("Traceback");
            assertThat(w1.exitValue()).isZero();
        }
    }

    @Test
    void aKilledPythonWorkerGoesMissingAndTheTotalsComeFromTheRest(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            Environment env = env();
            Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                    .withBindPort(0).withHeartbeat(Duration.ofMillis(250), 3, 400));
            int port = DistributedRunners.boundPort(master).orElseThrow();
            Process victim = py.start("victim", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            Runner jw = DistributedRunners.worker(env(), WorkerOptions.defaults().withMaster("127.0.0.1", port));
            await("2 workers", Duration.ofSeconds(40), () -> DistributedRunners.workerCount(master).orElse(0) == 2,
                    py, "victim");
            master.start(4, 100);
            await("4 users", Duration.ofSeconds(20), () -> master.userCount() == 4, py, "victim");
            victim.destroyForcibly(); // SIGKILL: no quit message
            assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
            await("the killed worker is missing", Duration.ofSeconds(10),
                    () -> DistributedRunners.workerCount(master).orElse(0) == 1, py, "victim");
            assertThat(master.userCount()).isEqualTo(jw.userCount()).isEqualTo(2);
            assertThat(master.state()).isIn(dev.locustj.core.RunnerState.RUNNING,
                    dev.locustj.core.RunnerState.SPAWNING);
            master.quit();
            assertThat(jw.await(Duration.ofSeconds(15))).isTrue();
        }
    }

    @Test
    void mixedClusterUnderAJavaMaster(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            Environment env = env();
            Map<String, Set<String>> names = reportedNames(env);
            Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                    .withBindPort(0));
            int port = DistributedRunners.boundPort(master).orElseThrow();
            Process pw = py.start("pw", "--worker", "--master-host", "127.0.0.1", "--master-port",
                    String.valueOf(port));
            Runner jw = DistributedRunners.worker(env(), WorkerOptions.defaults().withMaster("127.0.0.1", port));
            await("2 workers", Duration.ofSeconds(40), () -> DistributedRunners.workerCount(master).orElse(0) == 2,
                    py, "pw");
            master.start(6, 100);
            await("6 users", Duration.ofSeconds(20), () -> master.userCount() == 6 && jw.userCount() == 3, py, "pw");
            await("stats from both kinds of worker", Duration.ofSeconds(20),
                    () -> names.values().stream().anyMatch(s -> s.contains("/py"))
                            && names.values().stream().anyMatch(s -> s.contains("/java")), py, "pw");
            master.quit();
            assertThat(pw.waitFor(20, TimeUnit.SECONDS)).as(py.log("pw")).isTrue();
            assertThat(jw.await(Duration.ofSeconds(15))).isTrue();
        }
    }
}
