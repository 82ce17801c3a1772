package dev.locustj.integration;

import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DIST-02, CFG-04 against Debian's Python Locust 2.12.1: custom options declared on both sides with the same dest
 * names travel in the spawn message's {@code parsed_options}, typed, in both directions.
 */
@Timeout(120)
class CustomOptionsInteropTest {

    /** The same options as {@link #LOCUSTFILE}'s parser listener; the user names its requests after the values. */
    static final String LOCUSTFILE = """
            from locust import User, task, constant, events


            @events.init_command_line_parser.add_listener
            def _(parser):
                parser.add_argument("--my-arg", type=str, default="py-default")
                parser.add_argument("--my-int", type=int, default=1)
                parser.add_argument("--my-flag", action="store_true", default=False)


            class Requester(User):
                wait_time = constant(0.05)

                @task
                def work(self):
                    o = self.environment.parsed_options
                    name = "/%s/%s:%s/%s:%s" % (o.my_arg, type(o.my_int).__name__, o.my_int,
                                                type(o.my_flag).__name__, o.my_flag)
                    self.environment.events.request.fire(request_type="kv", name=name, response_time=7,
                                                         response_length=3, exception=None, context={})
            """;

    static final List<CustomOption> OPTIONS = List.of(CustomOption.string("my-arg", "java-default"),
            CustomOption.integer("my-int", 1), CustomOption.flag("my-flag"));

    static final AtomicReference<String> SEEN = new AtomicReference<>("");

    /** The Java twin: records what it sees. */
    public static class Requester extends User {
        @Override
        public WaitTime waitTime() {
            return WaitTime.constant(0.05);
        }

        @Task
        public void work() {
            Environment e = environment();
            SEEN.set(e.option("my-arg").orElse("-") + "/" + e.option("my-int").orElse("-") + "/"
                    + e.option("my-flag").orElse("-"));
            e.events().request().fire(RequestEvent.success("kv", "/java", 1.0, 1));
        }
    }

    @BeforeAll
    static void python() {
        PythonLocust.assumeInstalled();
    }

    private static void await(String what, Duration timeout, BooleanSupplier c, PythonLocust py, String log)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n--- " + log + " ---\n" + py.log(log));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aPythonWorkerGetsTheJavaMastersTypedValues(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            Files.writeString(dir.resolve("locustfile.py"), LOCUSTFILE);
            Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(Requester.class))
                    .options(Map.of("headless", "true", "my-arg", "from-java", "my-int", "42", "my-flag", "true"))
                    .customOptions(OPTIONS).build();
            Runner master = DistributedRunners.master(env, MasterOptions.defaults().withBindHost("127.0.0.1")
                    .withBindPort(0));
            int port = DistributedRunners.boundPort(master).orElseThrow();
            py.start("w", "--worker", "--master-host", "127.0.0.1", "--master-port", String.valueOf(port),
                    "--my-arg", "python-own");
            await("the Python worker", Duration.ofSeconds(40),
                    () -> DistributedRunners.workerCount(master).orElse(0) == 1, py, "w");
            master.start(1, 100);
            String expected = "/from-java/int:42/bool:True";
            await("a request named after the master's values", Duration.ofSeconds(30),
                    () -> env.stats().snapshot().entries().stream().anyMatch(e -> e.name().equals(expected)), py,
                    "w");
            assertThat(env.stats().snapshot().entries()).noneMatch(e -> e.name().contains("python-own"));
            master.quit();
        }
    }

    @Test
    void aJavaWorkerGetsThePythonMastersValues(@TempDir Path dir) throws Exception {
        try (PythonLocust py = new PythonLocust(dir)) {
            Files.writeString(dir.resolve("locustfile.py"), LOCUSTFILE);
            int port = PythonLocust.freePort();
            Process master = py.start("master", "--master", "--master-bind-host", "127.0.0.1", "--master-bind-port",
                    String.valueOf(port), "--headless", "-u", "1", "-r", "1", "-t", "4s", "--expect-workers", "1",
                    "--expect-workers-max-wait", "30", "--my-arg", "from-python", "--my-int", "7", "--my-flag");
            SEEN.set("");
            Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(Requester.class))
                    .options(Map.of("headless", "true", "my-arg", "java-own")).customOptions(OPTIONS).build();
            Runner worker = DistributedRunners.worker(env, WorkerOptions.defaults().withMaster("127.0.0.1", port));
            await("the Java user ran", Duration.ofSeconds(40), () -> !SEEN.get().isEmpty(), py, "master");
            assertThat(SEEN.get()).isEqualTo("from-python/7/true");
            assertThat(master.waitFor(60, TimeUnit.SECONDS)).as(py.log("master")).isTrue();
            assertThat(worker.await(Duration.ofSeconds(15))).isTrue();
        }
    }
}
