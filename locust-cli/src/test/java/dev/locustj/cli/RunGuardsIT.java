package dev.locustj.cli;

import dev.locustj.cli.JarRuns.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the shaded jar: task exceptions in the log (LF-54), {@code --processes} children that take their
 * options from the parent only (the master applies the exit code and the checks), and runs that cannot succeed
 * ending before the load starts (a user class that cannot be created, a bad {@code --host}, an unwritable
 * {@code --html}). Every run is bounded.
 */
class RunGuardsIT {

    private static final String USERS = """
            package guards;

            import dev.locustj.core.*;
            import dev.locustj.http.HttpUser;

            public class Users {
                /** Successes, and every fourth task throws. */
                public static class Throwing extends User {
                    int n;
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
                    @Task public void work() {
                        environment().events().request().fire(RequestEvent.success("custom", "/ok", 1, 5));
                        if (++n % 4 == 0) {
                            throw new IllegalStateException("task blew up");
                        }
                    }
                }

                /** Only successes. */
                public static class Quiet extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
                    @Task public void work() {
                        environment().events().request().fire(RequestEvent.success("custom", "/quiet", 1, 5));
                    }
                }

                public static class BadConstructor extends User {
                    public BadConstructor() { throw new IllegalArgumentException("no credentials configured"); }
                    @Task public void never() { }
                }

                public static class BadStatic extends User {
                    static final int LIMIT = Integer.parseInt("not a number");
                    @Task public void never() { }
                }

                public static class Web extends HttpUser {
                    @Task public void index() { client().get("/"); }
                }
            }
            """;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path testsJar;

    @BeforeAll
    static void buildUserJar() throws IOException {
        testsJar = JarRuns.testsJar(shared, Map.of("guards/Users.java", USERS), "guards.jar");
    }

    private Run run(int seconds, String... args) throws IOException, InterruptedException {
        return JarRuns.finish(dir, "locust", JarRuns.start(dir, "locust", dir, List.of(), Map.of(), args), seconds);
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void taskExceptionsAreLoggedAtErrorWithTheirTrace() throws Exception { // LF-54
        Run r = run(30, "-f", testsJar.toString(), "--headless", "-u", "1", "-r", "10", "-t", "2s",
                "--only-summary", "Throwing");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("/ERROR/locust.user: task blew up")
                .contains("java.lang.IllegalStateException: task blew up")
                .contains("guards.Users$Throwing.work(Users.java");
    }

    @Test
    void processesChildrenReadNoConfigFileAndTheMasterOwnsExitCodeAndChecks() throws Exception {
        int port = freePort();
        // read by the parent (a master: checks on the merged stats, one report); children used to read it too,
        // run the check on their reset totals (exit 3) and each write the report
        Files.writeString(dir.resolve("locust.conf"), """
                check-rps = 0.5
                html = report.html
                """);
        Run r = run(90, "-f", testsJar.toString(), "--processes", "1", "--headless", "-u", "2", "-r", "10", "-t", "4s",
                "--exit-code-on-error", "0", "--only-summary", "--master-bind-host", "127.0.0.1",
                "--master-bind-port", String.valueOf(port), "--master-port", String.valueOf(port), "Throwing");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(count(r.stderr(), "Started 1 worker processes")).as(r.stderr()).isEqualTo(1);
        assertThat(count(r.stderr(), "HTML report written to report.html")).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).doesNotContain("CHECK FAILED").doesNotContain("Bad response code")
                .contains("/ERROR/locust.user: task blew up") // the worker's log
                .contains("Shutting down (exit code 0)")
                .as("msgpack's portable buffers: no sun.misc.Unsafe warnings on JDK 24+").doesNotContain("Unsafe");
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void processesFromTheConfigFileForkOnce() throws Exception { // a child that read it again forked without end
        int port = freePort();
        Files.writeString(dir.resolve("locust.conf"), "processes = 1\n");
        Run r = run(90, "-f", testsJar.toString(), "--headless", "-u", "1", "-r", "10", "-t", "2s",
                "--only-summary", "--master-bind-host", "127.0.0.1", "--master-bind-port", String.valueOf(port),
                "--master-port", String.valueOf(port), "Throwing");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1); // the master's merged task exceptions
        assertThat(count(r.stderr(), "Started 1 worker processes")).as(r.stderr()).isEqualTo(1);
        assertThat(count(r.stderr(), "/locust.main: Starting Locust ")).as("the master and one worker").isEqualTo(2);
    }

    @Test
    void processesMasterFailsTheCheckOnTheMergedStats() throws Exception {
        int port = freePort();
        Run r = run(90, "-f", testsJar.toString(), "--processes", "1", "--headless", "-u", "1", "-r", "10",
                "-t", "3s", "--check-rps", "100000", "--only-summary", "--master-bind-host", "127.0.0.1",
                "--master-bind-port", String.valueOf(port), "--master-port", String.valueOf(port), "Throwing");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
        assertThat(count(r.stderr(), "CHECK FAILED: total rps was")).as(r.stderr()).isEqualTo(1);
    }

    @Test
    void aWorkerLeavesTheChecksToTheMaster() throws Exception { // locust-plugins skips them on a WorkerRunner
        int port = freePort();
        Process master = JarRuns.start(dir, "master", dir, List.of(), Map.of(), "-f", testsJar.toString(),
                "--master", "--headless", "-u", "1", "-r", "10", "-t", "3s", "--only-summary",
                "--master-bind-host", "127.0.0.1", "--master-bind-port", String.valueOf(port), "Quiet");
        Process worker = JarRuns.start(dir, "worker", dir, List.of(), Map.of(), "-f", testsJar.toString(),
                "--worker", "--master-host", "127.0.0.1", "--master-port", String.valueOf(port),
                "--check-rps", "100000", "--check-fail-ratio", "0", "Quiet");
        Run m = JarRuns.finish(dir, "master", master, 90);
        Run w = JarRuns.finish(dir, "worker", worker, 60);
        assertThat(m.exitCode()).as(m.stderr()).isZero();
        assertThat(w.exitCode()).as(w.stderr()).isZero();
        assertThat(w.stderr()).doesNotContain("CHECK FAILED");
    }

    @Test
    void helpIsTheUsageOnly() throws Exception { // Logback's default configuration logs DEBUG to stdout
        Run r = run(30, "--help");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("Usage: locust");
        assertThat(r.stdout() + r.stderr()).doesNotContain("DEBUG locust.").doesNotContain("DEBUG io.");
    }

    @Test
    void aUserClassThatCannotBeCreatedEndsWithExitTwoAndOneLine() throws Exception {
        for (String user : List.of("BadConstructor", "BadStatic")) {
            Run r = run(30, "-f", testsJar.toString(), "--headless", "-u", "3", "-r", "10", "-t", "2s", user);
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
            assertThat(count(r.stderr(), "Unhandled exception in the spawner: creating guards.Users$" + user
                    + " failed")).as(r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).contains(user.equals("BadStatic") ? "NumberFormatException"
                    : "no credentials configured").doesNotContain("Exception in thread").doesNotContain("\tat ");
        }
    }

    @Test
    void aMissingOrMalformedHostEndsBeforeTheLoad() throws Exception {
        Run missing = run(30, "-f", testsJar.toString(), "--headless", "-u", "1", "-t", "5s", "Web");
        assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(1);
        assertThat(missing.stderr()).contains("You must specify the base host").doesNotContain("Ramping to")
                .doesNotContain("\tat ");
        Run malformed = run(30, "-f", testsJar.toString(), "--headless", "-u", "1", "-t", "5s",
                "--host", "127.0.0.1:8080", "Web");
        assertThat(malformed.exitCode()).as(malformed.stderr()).isEqualTo(1);
        assertThat(malformed.stderr()).contains("Invalid host '127.0.0.1:8080' for Web")
                .doesNotContain("Ramping to").doesNotContain("\tat ");
    }

    @Test
    void anUnwritableHtmlReportEndsBeforeTheLoad() throws Exception {
        Run r = run(30, "-f", testsJar.toString(), "--headless", "-u", "1", "-t", "5s",
                "--html", "no-such-dir/report.html", "Throwing");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("Cannot write the --html file 'no-such-dir/report.html': "
                + "No such file or directory").doesNotContain("Ramping to").doesNotContain("\tat ");
    }
}
