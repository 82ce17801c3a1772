package dev.locustj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.cli.JarRuns.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process nobody's user code can hang (RUN-31, RUN-50..52): users whose task never blocks hold every carrier of
 * the virtual-thread scheduler, yet {@code -t}, SIGTERM, SIGINT, the web UI and the CSV writer keep working, and
 * an OutOfMemoryError on an internal thread ends the run with the results written. Each child JVM is bounded by
 * {@link JarRuns#finish} (killed when it outlives its time).
 */
class BusyUserIT {

    /** Four users (more than this machine's carriers) that record one request, then spin for good. */
    private static final String BUSY = """
            import dev.locustj.core.*;
            public class Busy extends User {
                static volatile long n;
                @Override public WaitTime waitTime() { return WaitTime.none(); }
                @Task public void spin() {
                    environment().events().request().fire(RequestEvent.success("busy", "/spin", 1, 1));
                    while (true) {
                        n++;
                    }
                }
            }
            """;

    private static final String GOOD = """
            import dev.locustj.core.*;
            public class Good extends User {
                @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                @Task public void ok() {
                    environment().events().request().fire(RequestEvent.success("good", "/ok", 1, 1));
                }
                @Task public void bad() {
                    environment().events().request().fire(
                            RequestEvent.failure("good", "/bad", 1, 0, new IllegalStateException("no")));
                }
            }
            """;

    @TempDir
    Path dir;
    private final List<Process> started = new java.util.ArrayList<>();

    /** A failed assertion must not leave a spinning child JVM behind. */
    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(List<String> jvm, String... args) throws IOException {
        Process p = JarRuns.start(dir, "locust", dir, jvm, Map.of(), args);
        started.add(p);
        return p;
    }

    private String stderr() throws IOException {
        return JarRuns.stderr(dir, "locust");
    }

    private void awaitStderr(Process p, Predicate<String> ready, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ready.test(stderr()) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(ready.test(stderr())).as(stderr()).isTrue();
    }

    private static long aggregatedRequests(Path csv) throws IOException {
        String agg = Files.readAllLines(csv).stream().filter(l -> l.startsWith(",Aggregated,")).findFirst()
                .orElseThrow();
        return Long.parseLong(agg.split(",")[2]);
    }

    @Test
    void runTimeEndsARunOfBusyUsersOnTimeWithTheCsvAndAWarning() throws Exception {
        Files.writeString(dir.resolve("Busy.java"), BUSY);
        Process p = start(List.of(), "-f", "Busy.java", "--headless", "-u", "4", "-r", "4", "-t", "2s",
                "--csv", "busy");
        Run r = JarRuns.finish(dir, "locust", p, 40); // before the fix: never ended
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("--run-time limit reached, shutting down")
                .contains("4 users did not stop within 2.0 s (--stop-timeout 0 s): ")
                .contains("Busy in task spin").contains("they are abandoned")
                .contains("Shutting down (exit code 0)");
        assertThat(aggregatedRequests(dir.resolve("busy_stats.csv"))).isPositive();
    }

    @Test
    void theWebUiAnswersWhileUsersAreBusyAndSigtermFinishes() throws Exception {
        Files.writeString(dir.resolve("Busy.java"), BUSY);
        int port = freePort();
        Process p = start(List.of(), "-f", "Busy.java", "--web-host", "127.0.0.1", "-P", String.valueOf(port),
                "--autostart", "-u", "4", "-r", "4", "--csv", "web");
        awaitStderr(p, s -> s.contains("All users spawned"), 30);
        Thread.sleep(500);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/stats/requests"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode stats = new ObjectMapper().readTree(res.body());
        assertThat(stats.path("user_count").asInt()).isEqualTo(4);
        assertThat(stats.path("state").asText()).isEqualTo("running");

        p.destroy(); // SIGTERM
        Run r = JarRuns.finish(dir, "locust", p, 30);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Got SIGTERM signal").contains("Busy in task spin")
                .contains("Shutting down (exit code 0)");
        assertThat(aggregatedRequests(dir.resolve("web_stats.csv"))).isPositive();
    }

    @Test
    void sigintWritesTheResultsAndExitsWithLocustsCode() throws Exception {
        Files.writeString(dir.resolve("Good.java"), GOOD);
        Process p = start(List.of(), "-f", "Good.java", "--headless", "-u", "2", "-r", "10", "--csv", "int");
        awaitStderr(p, s -> s.contains("All users spawned"), 30);
        Thread.sleep(1500);
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Run r = JarRuns.finish(dir, "locust", p, 30);
        // Locust's KeyboardInterrupt path runs the same shutdown: exit code 1 when requests failed
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("Shutting down (exit code 1)")
                .contains("Response time percentiles (approximated)").contains("/bad");
        assertThat(aggregatedRequests(dir.resolve("int_stats.csv"))).isPositive();
        assertThat(Files.readString(dir.resolve("int_failures.csv"))).contains("/bad");
    }

    @Test
    void systemExitInATaskEndsTheProcessWithoutAWait() throws Exception {
        Files.writeString(dir.resolve("Quitter.java"), """
                import dev.locustj.core.*;
                public class Quitter extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(1); }
                    @Task public void leave() {
                        System.err.println("calling System.exit now");
                        System.err.flush();
                        System.exit(3);
                    }
                }
                """);
        Process p = start(List.of(), "-f", "Quitter.java", "--headless", "-u", "1", "-r", "1", "--csv", "exit");
        awaitStderr(p, s -> s.contains("calling System.exit now"), 30);
        long t0 = System.nanoTime();
        Run r = JarRuns.finish(dir, "locust", p, 30);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
        assertThat(millis).as("waited for the exiting user (before the fix: 10 s)").isLessThan(6000);
        assertThat(r.stderr()).contains("Shutting down");
        assertThat(dir.resolve("exit_stats.csv")).exists();
    }

    @Test
    void anOutOfMemoryErrorOnAnInternalThreadEndsTheRunWithTheResultsWritten() throws Exception {
        Files.writeString(dir.resolve("Greedy.java"), """
                import dev.locustj.core.*;
                import java.util.Optional;
                public class Greedy extends LoadTestShape {
                    static byte[] hog;
                    @Override public Optional<Tick> tick() {
                        if (runTime() > 1.5) {
                            hog = new byte[512 << 20]; // more than the heap: OutOfMemoryError on locust-shape
                        }
                        return Optional.of(Tick.of(2, 10));
                    }
                }
                """);
        Files.writeString(dir.resolve("Good.java"), GOOD.replace("@Task public void bad()", "public void bad()"));
        Process p = start(List.of("-Xmx96m"), "-f", "Good.java,Greedy.java", "--headless", "--csv", "oom");
        Run r = JarRuns.finish(dir, "locust", p, 40); // before the fix: the shape thread died, the run never ended
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains("OutOfMemoryError on internal thread locust-shape (Java heap space): "
                + "ending the run, the results so far are written").contains("Shutting down (exit code 2)");
        assertThat(aggregatedRequests(dir.resolve("oom_stats.csv"))).isPositive();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
