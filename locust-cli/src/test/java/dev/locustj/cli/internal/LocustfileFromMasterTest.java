package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code locust --worker -f -} in-process against a real master on loopback (DIST-09, LF-04): the worker downloads
 * the master's jar, loads it like {@code -f}, runs the users it is given and its stats reach the master; and the
 * one-line errors (no --worker, error reply, Python files, timeout).
 */
@Timeout(60)
class LocustfileFromMasterTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Runner> masters = new ArrayList<>();
    private Path jar;

    @BeforeEach
    void userCode() throws IOException {
        List<Path> src = TestCode.write(dir.resolve("src"), Map.of("demo/CustomUsers.java", TestCode.CUSTOM_USERS));
        jar = TestCode.jar(TestCode.compile(src, dir.resolve("classes"), ""), dir.resolve("master/tests.jar"));
        Files.createDirectories(dir.resolve("worker"));
    }

    @AfterEach
    void close() {
        masters.forEach(Runner::quit);
        System.clearProperty(LocustfileFromMaster.TIMEOUT_PROPERTY);
    }

    /** Runs the launcher in the worker's own directory (which has no locustfile). */
    private int run(String... args) {
        Launcher l = new Launcher(new OptionsParser(Map.of(), dir.resolve("worker"), Optional.empty()),
                dir.resolve("worker"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return l.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Runner master(List<Path> locustfiles, Environment env) {
        Runner m = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withLocustfiles(locustfiles));
        masters.add(m);
        return m;
    }

    private Environment goodUserEnv() {
        UserCode code = new UserCodeLoader(dir).load(jar.toString());
        List<Class<? extends User>> users = code.select(List.of("GoodUser"));
        return Environment.builder().userClasses(users).options(Map.of("headless", "false")).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aWorkerWithDashFDownloadsTheMastersJarRunsItsUsersAndReportsStats() throws Exception {
        Environment menv = goodUserEnv();
        Runner master = master(List.of(jar), menv);
        int port = DistributedRunners.boundPort(master).orElseThrow();
        CompletableFuture<Integer> worker = CompletableFuture.supplyAsync(() -> run("--worker", "-f", "-",
                "--master-host", "127.0.0.1", "--master-port", String.valueOf(port), "--skip-log-setup",
                "GoodUser"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (DistributedRunners.workerCount(master).orElse(0) < 1) {
            assertThat(System.nanoTime()).as("the worker connects; stderr: %s", err()).isLessThan(deadline);
            assertThat(worker).as("the worker is still running; stderr: %s", err()).isNotDone();
            Thread.sleep(50);
        }
        master.start(2, 100);
        while (menv.stats().snapshot().total().numRequests() < 20) {
            assertThat(System.nanoTime()).as("stats from the worker; stderr: %s", err()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(menv.stats().snapshot().entries()).anyMatch(e -> e.name().equals("/good"));
        master.quit();
        assertThat(worker.get(20, TimeUnit.SECONDS)).as(err()).isZero();
        assertThat(err()).doesNotContain("\tat ");
    }

    @Test
    void dashFWithoutWorkerIsLocustsError() {
        assertThat(run("-f", "-", "--skip-log-setup", "--headless")).isEqualTo(1);
        assertThat(err()).isEqualTo("locustfile was set to '-' (meaning to download from master) but --worker was "
                + "not specified." + System.lineSeparator());
    }

    @Test
    void anErrorReplyEndsTheWorkerWithOneLine() throws Exception {
        Runner master = master(List.of(), goodUserEnv());
        assertThat(run("--worker", "-f", "-", "--master-port",
                String.valueOf(DistributedRunners.boundPort(master).orElseThrow()), "--skip-log-setup")).isEqualTo(1);
        assertThat(err()).isEqualTo("Got error from master: this master was started without -f: it has no "
                + "locustfile to send" + System.lineSeparator());
    }

    @Test
    void pythonLocustfilesFromTheMasterAreRefusedWithOneLine() throws Exception {
        Path py = Files.writeString(dir.resolve("master/locustfile.py"), "from locust import HttpUser\n");
        Runner master = master(List.of(py), goodUserEnv());
        assertThat(run("--worker", "-f", "-", "--master-port",
                String.valueOf(DistributedRunners.boundPort(master).orElseThrow()), "--skip-log-setup")).isEqualTo(1);
        assertThat(err()).isEqualTo("the master sent Python locustfile(s) locustfile.py; a Java worker needs a .jar, "
                + ".java or class directory" + System.lineSeparator());
    }

    @Test
    void urlsAndPythonFilesAreRefusedJavaFilesPass() {
        assertThatThrownBy(() -> LocustfileFromMaster.checked(List.of("/tmp/x/a.jar", "https://h.invalid/l.py")))
                .isInstanceOf(ExitException.class).hasMessage("the master sent locustfile URL(s) "
                        + "https://h.invalid/l.py; this worker can't download URLs: give it the file with -f instead "
                        + "of -f -");
        assertThatThrownBy(() -> LocustfileFromMaster.checked(List.of("/tmp/x/a.py", "/tmp/x/B.PY")))
                .isInstanceOf(ExitException.class).hasMessageContaining("Python locustfile(s) a.py, B.PY;");
        assertThat(LocustfileFromMaster.checked(List.of("/tmp/x/a.jar", "/tmp/x/B.java")))
                .containsExactly("/tmp/x/a.jar", "/tmp/x/B.java");
    }

    @Test
    void theTimeoutPropertyMustBeAPositiveNumber() {
        System.setProperty(LocustfileFromMaster.TIMEOUT_PROPERTY, "soon");
        assertThat(run("--worker", "-f", "-", "--skip-log-setup")).isEqualTo(1);
        assertThat(err()).isEqualTo(LocustfileFromMaster.TIMEOUT_PROPERTY + " must be a number of seconds, got "
                + "'soon'" + System.lineSeparator());
    }

    @Test
    void noMasterGivesUpAfterTheTimeout() throws Exception {
        System.setProperty(LocustfileFromMaster.TIMEOUT_PROPERTY, "0.5");
        long t0 = System.nanoTime();
        assertThat(run("--worker", "-f", "-", "--master-port", String.valueOf(freePort()), "--skip-log-setup"))
                .isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(err()).isEqualTo("Got no locustfile response from master, gave up after 0.5s"
                + System.lineSeparator());
    }

    @Test
    void aClassDirectoryWithSourcesTravelsAsAJarPlusSources() throws Exception {
        Path classes = dir.resolve("classes"); // CustomUsers' classes, compiled in userCode()
        Files.writeString(classes.resolve("Extra.java"), """
                import dev.locustj.core.*;
                public class Extra extends demo.CustomUsers.GoodUser { }
                """);
        Runner master = master(List.of(classes), goodUserEnv());
        assertThat(run("--worker", "-f", "-", "--master-port",
                String.valueOf(DistributedRunners.boundPort(master).orElseThrow()), "--skip-log-setup", "--list"))
                .as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("    GoodUser").contains("    MixedUser")
                .contains("    Extra");
    }

    @Test
    void aJavaSourceFromTheMasterIsCompiledOnTheWorker() throws Exception {
        Path java = Files.writeString(dir.resolve("master/Quick.java"), """
                import dev.locustj.core.*;
                public class Quick extends User {
                    @Task public void t() { }
                }
                """);
        Runner master = master(List.of(java), goodUserEnv());
        assertThat(run("--worker", "-f", "-", "--master-port",
                String.valueOf(DistributedRunners.boundPort(master).orElseThrow()), "--skip-log-setup", "--list"))
                .as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Available Users:").contains("    Quick");
    }
}
