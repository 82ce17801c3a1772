package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's exit code is Locust's (RUN-40 on workers): its failures and task exceptions go to the master, which
 * alone applies {@code --exit-code-on-error} and the {@code --check-*} options; the worker exits 0.
 */
@Timeout(90)
class WorkerExitCodeTest {

    private static final String THROWING = """
            package demo;

            import dev.locustj.core.*;

            public class Throwing {
                /** Fails a request and throws from its task, every time. */
                public static class ThrowingUser extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                    @Task public void boom() {
                        environment().events().request().fire(
                                RequestEvent.failure("custom", "/fail", 5, 0, new IllegalStateException("failed")));
                        throw new IllegalStateException("task exception");
                    }
                }

                /** Records the worker's quit event (its exit code) where the test can read it. */
                public static class QuitRecorder extends LocustPlugin {
                    @Override public void init(Environment env) {
                        env.events().quit().add(e -> System.setProperty("locustj.test.worker.quit",
                                String.valueOf(e.exitCode())));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Runner> masters = new ArrayList<>();

    @AfterEach
    void close() {
        System.clearProperty("locustj.test.worker.quit");
        masters.forEach(Runner::quit);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkerWhoseTasksFailAndThrowExitsZeroWhateverItsExitCodeOnErrorAndChecks() throws Exception {
        Path jar = TestCode.jar(TestCode.compile(TestCode.write(dir.resolve("src"), Map.of("demo/Throwing.java",
                THROWING)), dir.resolve("classes"), ""), dir.resolve("throwing.jar"));
        List<Class<? extends User>> users = new UserCodeLoader(dir).load(jar.toString())
                .select(List.of("ThrowingUser"));
        Environment menv = Environment.builder().userClasses(users).options(Map.of("headless", "false")).build();
        Runner master = DistributedRunners.master(menv, MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0));
        masters.add(master);
        int port = DistributedRunners.boundPort(master).orElseThrow();
        Launcher worker = new Launcher(new OptionsParser(Map.of(), dir, Optional.empty()), dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> worker.run("--worker", "-f",
                jar.toString(), "--master-host", "127.0.0.1", "--master-port", String.valueOf(port),
                "--skip-log-setup", "--exit-code-on-error", "5", "--check-fail-ratio", "0.01", "--check-rps",
                "100000", "ThrowingUser"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (DistributedRunners.workerCount(master).orElse(0) < 1) {
            assertThat(System.nanoTime()).as("the worker connects; stderr: %s", err()).isLessThan(deadline);
            assertThat(code).as("the worker is still running; stderr: %s", err()).isNotDone();
            Thread.sleep(50);
        }
        master.start(2, 100);
        while (menv.stats().snapshot().exceptions().isEmpty()
                || menv.stats().snapshot().total().numFailures() < 4) {
            assertThat(System.nanoTime()).as("failures and exceptions on the master; stderr: %s", err())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        master.quit();
        assertThat(code.get(30, TimeUnit.SECONDS)).as("the worker's exit code; stderr: %s", err()).isZero();
        assertThat(System.getProperty("locustj.test.worker.quit")).as("the quit event's exit code").isEqualTo("0");
    }
}
