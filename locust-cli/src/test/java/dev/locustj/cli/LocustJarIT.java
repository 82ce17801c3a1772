package dev.locustj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.cli.JarRuns.Run;
import dev.locustj.cli.internal.TestCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.locustj.cli.JarRuns.JAR;
import static dev.locustj.cli.JarRuns.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the shaded locust.jar as a separate process on a jar of custom-client users (RUN-30/31, RUN-40,
 * RUN-50..52, OUT-01, OUT-20, OUT-30, CFG-01). Every run is bounded (at most a few seconds).
 */
class LocustJarIT {

    private static final String STATS_HEADER = "Type,Name,Request Count,Failure Count,Median Response Time,"
            + "Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
            + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path testsJar;

    @BeforeAll
    static void buildUserJar() throws IOException {
        testsJar = JarRuns.testsJar(shared, Map.of("demo/CustomUsers.java", TestCode.CUSTOM_USERS), "tests.jar");
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        return JarRuns.start(dir, "locust", dir, List.of(), env, args);
    }

    private Run finish(Process p, int timeoutSeconds) throws IOException, InterruptedException {
        return JarRuns.finish(dir, "locust", p, timeoutSeconds);
    }

    private String stderr() throws IOException {
        return JarRuns.stderr(dir, "locust");
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return finish(start(Map.of(), args), 20);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void headlessRunWithFailuresPrintsTablesWritesCsvAndExitsWithOne() throws Exception {
        Run r = run("-f", testsJar.toString(), "--headless", "-u", "3", "-r", "100", "-t", "3s",
                "--csv", "out/run", "MixedUser");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("/INFO/locust.main: Starting Locust")
                .contains("Run time limit set to 3 seconds")
                .contains("--run-time limit reached, shutting down")
                .contains("Shutting down (exit code 1)")
                .contains("Response time percentiles (approximated)")
                .contains("Error report")
                .contains("custom /fail: IllegalStateException('boom')");
        assertThat(count(r.stderr(), "Type     Name")).as("a periodic table and the summary").isGreaterThanOrEqualTo(3);
        Matcher m = Pattern.compile("\\n\\s+Aggregated\\s+(\\d+)\\s+(\\d+)\\(").matcher(r.stderr());
        assertThat(m.find()).isTrue();

        List<String> stats = Files.readAllLines(dir.resolve("out/run_stats.csv"));
        assertThat(stats.get(0)).isEqualTo(STATS_HEADER);
        assertThat(stats).anyMatch(l -> l.startsWith("custom,/ok,")).anyMatch(l -> l.startsWith("custom,/fail,"))
                .anyMatch(l -> l.startsWith(",Aggregated,"));
        String agg = stats.stream().filter(l -> l.startsWith(",Aggregated,")).findFirst().orElseThrow();
        assertThat(Long.parseLong(agg.split(",")[2])).isGreaterThan(10);
        assertThat(Files.readString(dir.resolve("out/run_failures.csv"))).contains("/fail");
        assertThat(Files.readAllLines(dir.resolve("out/run_stats_history.csv")).size()).isGreaterThan(1);
        assertThat(dir.resolve("out/run_exceptions.csv")).exists();
    }

    @Test
    void successOnlyRunExitsZeroAndExitCodeOnErrorIsUsedForFailures() throws Exception {
        Run ok = run("-f", testsJar.toString(), "--headless", "-u", "2", "-r", "10", "-t", "1", "--only-summary",
                "GoodUser");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stderr()).contains("Shutting down (exit code 0)").doesNotContain("Error report");
        assertThat(count(ok.stderr(), "Type     Name")).as("--only-summary: no periodic table").isEqualTo(2);

        Run failing = run("-f", testsJar.toString(), "--headless", "-u", "2", "-r", "10", "-t", "1",
                "--only-summary", "--exit-code-on-error", "7", "MixedUser");
        assertThat(failing.exitCode()).as(failing.stderr()).isEqualTo(7);
    }

    @Test
    void failedChecksExitWithThree() throws Exception {
        Run ratio = run("-f", testsJar.toString(), "--headless", "-u", "2", "-r", "50", "-t", "1", "--only-summary",
                "--check-fail-ratio", "0.01", "MixedUser");
        assertThat(ratio.exitCode()).as(ratio.stderr()).isEqualTo(3);
        assertThat(ratio.stderr()).contains("CHECK FAILED: fail ratio was");
        Run rps = run("-f", testsJar.toString(), "--headless", "-u", "1", "-t", "1", "--only-summary",
                "--check-rps", "100000", "GoodUser");
        assertThat(rps.exitCode()).as(rps.stderr()).isEqualTo(3);
    }

    @Test
    void sigtermMidRunStillPrintsFinalStatsAndWritesTheCsv() throws Exception {
        Process p = start(Map.of(), "-f", testsJar.toString(), "--headless", "-u", "2", "-r", "100",
                "--csv", "term", "--html", "term.html", "GoodUser");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!stderr().contains("All users spawned") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        p.destroy(); // SIGTERM on Linux
        Run r = finish(p, 15);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Got SIGTERM signal").contains("Shutting down (exit code 0)")
                .contains("Response time percentiles (approximated)");
        List<String> stats = Files.readAllLines(dir.resolve("term_stats.csv"));
        String agg = stats.stream().filter(l -> l.startsWith(",Aggregated,")).findFirst().orElseThrow();
        assertThat(Long.parseLong(agg.split(",")[2])).isGreaterThan(0);
        assertThat(Files.readString(dir.resolve("term.html"))).as("the HTML report is written on SIGTERM too")
                .contains("<html");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void webUiWithAutostartServesLiveStatsWritesHtmlAndAutoquits() throws Exception { // WEB-05, RUN-31, OUT-40
        int port = freePort();
        Process p = start(Map.of(), "-f", testsJar.toString(), "--web-host", "127.0.0.1", "-P", String.valueOf(port),
                "--autostart", "-u", "2", "-r", "10", "-t", "3s", "--autoquit", "1", "--html", "report.html",
                "GoodUser");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        JsonNode stats = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                String body = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/stats/requests")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                stats = new ObjectMapper().readTree(body);
                if (stats.path("user_count").asInt() == 2 && stats.path("stats").size() > 1) {
                    break;
                }
            } catch (IOException notYet) {
                // the web UI is not up yet
            }
            Thread.sleep(200);
        }
        assertThat(stats).as(stderr()).isNotNull();
        assertThat(stats.path("state").asText()).isIn("spawning", "running");
        assertThat(stats.path("user_count").asInt()).isEqualTo(2);
        Run r = finish(p, 20);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Starting web interface at http://127.0.0.1:" + port)
                .contains("--run-time limit reached, stopping test")
                .contains("--autoquit time reached, shutting down");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<html").contains("/good");
    }

    @Test
    void processesRunAMasterWithForkedWorkersAndAggregateTheirStats() throws Exception { // DIST-04, DIST-06
        int port = freePort();
        Process p = start(Map.of(), "-f", testsJar.toString(), "--processes", "2", "--headless", "-u", "4", "-r", "20",
                "-t", "6s", "--master-bind-host", "127.0.0.1", "--master-bind-port", String.valueOf(port),
                "--master-port", String.valueOf(port), "--csv", "dist", "--only-summary", "GoodUser");
        Run r = finish(p, 90);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Started 2 worker processes").contains("Shutting down (exit code 0)");
        List<String> stats = Files.readAllLines(dir.resolve("dist_stats.csv"));
        String agg = stats.stream().filter(l -> l.startsWith(",Aggregated,")).findFirst().orElseThrow();
        assertThat(Long.parseLong(agg.split(",")[2])).as("requests made by the workers, merged on the master")
                .isGreaterThan(10);
    }

    @Test
    void masterGivesUpWaitingForWorkers() throws Exception { // CLI-29
        Run r = run("-f", testsJar.toString(), "--master", "--headless", "-u", "1", "--expect-workers", "1",
                "--expect-workers-max-wait", "1", "--master-bind-host", "127.0.0.1", "--master-bind-port",
                String.valueOf(freePort()), "GoodUser");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("Gave up waiting for workers to connect").doesNotContain("\tat ");
    }

    @Test
    void badWebAuthIsOneLine() throws Exception { // CLI-18
        Run r = run("-f", testsJar.toString(), "--web-auth", "nocolon", "-P", String.valueOf(freePort()),
                "GoodUser");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Invalid format for --web-auth").doesNotContain("\tat ");
    }

    @Test
    void jsonGoesToStdout() throws Exception {
        Run r = run("-f", testsJar.toString(), "--headless", "-u", "1", "-t", "1", "--json", "--only-summary",
                "--skip-log-setup", "GoodUser");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("name").asText()).isEqualTo("/good");
        assertThat(json.get(0).get("method").asText()).isEqualTo("custom");
        assertThat(r.stdout().strip()).startsWith("[").endsWith("]");
        assertThat(r.stderr()).doesNotContain("INFO");
    }

    @Test
    void iterationLimitEndsTheRun() throws Exception {
        Run r = run("-f", testsJar.toString(), "--headless", "-u", "2", "-r", "100", "-i", "20", "--only-summary",
                "GoodUser");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Matcher m = Pattern.compile("custom\\s+/good\\s+(\\d+)").matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isBetween(1L, 22L);
    }

    @Test
    void configFileAndEnvironmentDriveARun() throws Exception {
        Files.writeString(dir.resolve("locust.conf"), "locustfile = " + testsJar + "\nheadless = true\n"
                + "users = 2\nspawn-rate: 50\nonly-summary\n");
        Run r = finish(start(Map.of("LOCUST_RUN_TIME", "1s", "LOCUST_USER_CLASSES", "GoodUser")), 20);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Run time limit set to 1 seconds").contains("/good");
    }

    @Test
    void configUsersFromTheEnvironmentShapeARunAndBadOnesExitWith255() throws Exception { // CLI-10, LF-81
        String config = "{\"user_class_name\": \"MixedUser\", \"tasks\": [\"ok\"]}";
        Run r = finish(start(Map.of("LOCUST_CONFIG_USERS", config),
                "-f", testsJar.toString(), "--headless", "-u", "2", "-r", "50", "-t", "1", "--json", "--only-summary",
                "--skip-log-setup", "MixedUser"), 20);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("/ok").doesNotContain("/fail");
        Run bad = run("-f", testsJar.toString(), "--headless", "-t", "1", "--skip-log-setup", "--config-users",
                "{\"user_class_name\": \"Nobody\"}");
        assertThat(bad.exitCode()).isEqualTo(255);
        assertThat(bad.stderr().strip()).isEqualTo("Error applying user config, probably you tried to specify config "
                + "for a User not present in your locustfile: 'Nobody'");
        Run json = run("-f", testsJar.toString(), "--headless", "--skip-log-setup", "--config-users", "[1, 2");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.stderr()).startsWith("locust: error: argument --config-users: The --config-users argument "
                + "must be a valid JSON string or file: ").doesNotContain("\tat ");
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() throws Exception {
        Run r = run("-f", testsJar.toString(), "--userz", "3"); // -f: its code could declare --userz (EV-11)
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("locust: error: unrecognized arguments: --userz. Did you mean "
                + "'--users'?");
        Files.writeString(dir.resolve("Broken.java"),
                "public class Broken extends dev.locustj.core.User { int x = ; }");
        Run c = run("-f", "Broken.java", "--headless", "--skip-log-setup");
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.stderr()).contains("Could not compile").contains("Broken.java:1:").doesNotContain("\tat ");
        Run u = run("-f", testsJar.toString(), "--headless", "-t", "1", "--skip-log-setup", "Nobody");
        assertThat(u.exitCode()).isEqualTo(1);
        assertThat(u.stderr()).contains("Unknown User(s): Nobody").doesNotContain("\tat ");
    }

    @Test
    void javaLocustfileRunsStraightFromSource() throws Exception {
        Files.writeString(dir.resolve("Quick.java"), """
                import dev.locustj.core.*;
                public class Quick extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                    @Task public void t() {
                        environment().events().request().fire(RequestEvent.success("quick", "/q", 1, 1));
                    }
                }
                """);
        Run r = run("-f", "Quick.java", "--headless", "-u", "1", "-t", "1", "--only-summary");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("quick    /q");
    }

    @Test
    void aLoadShapeDrivesTheRunAndEndsIt() throws Exception {
        Files.writeString(dir.resolve("Steps.java"), """
                import dev.locustj.core.LoadTestShape;
                import java.util.Optional;
                public class Steps extends LoadTestShape {
                    @Override public Optional<Tick> tick() {
                        return runTime() < 2 ? Optional.of(Tick.of(3, 50)) : Optional.empty();
                    }
                }
                """);
        Run r = run("-f", testsJar + ",Steps.java", "--headless", "--only-summary", "-u", "9", "-t", "1",
                "GoodUser");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("The following option(s) will be ignored: --run-time, --users")
                .doesNotContain("--run-time limit reached")
                .contains("Shutting down (exit code 0)").contains("/good");
    }

    @Test
    void keyboardChangesTheUserCountOnATerminal() throws Exception {
        Path script = Path.of("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script), "util-linux 'script' gives a pty");
        String cmd = String.join(" ", JAVA, "-jar", JAR.toString(), "-f", testsJar.toString(), "--headless",
                "-u", "1", "-r", "100", "-t", "5", "--only-summary", "GoodUser");
        Process p = new ProcessBuilder(script.toString(), "-qfec", cmd, "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = p.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // process ended
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!output.toString().contains("(1 total users)") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            p.getOutputStream().write('W');
            p.getOutputStream().flush();
            while (!output.toString().contains("(11 total users)") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            p.getOutputStream().write('s');
            p.getOutputStream().flush();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
        } finally {
            p.destroyForcibly();
        }
        assertThat(output.toString()).contains("(11 total users)").contains("(10 total users)")
                .contains("Shutting down (exit code 0)");
    }

    @Test
    void binLocustRunsTheJar() throws Exception {
        Path script = Path.of("..", "bin", "locust").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "-V").redirectErrorStream(true);
        pb.environment().put("LOCUSTJ_JAR", JAR.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("locust ");

        ProcessBuilder missing = new ProcessBuilder("bash", script.toString(), "-V").redirectErrorStream(true);
        missing.environment().put("LOCUSTJ_JAR", dir.resolve("none.jar").toString());
        Process m = missing.start();
        String mout = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(m.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(m.exitValue()).isEqualTo(1);
        assertThat(mout).contains("mvnw -q package -DskipTests");
    }
}
