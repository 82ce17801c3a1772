package dev.locustj.cli;

import dev.locustj.cli.JarRuns.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the shaded locust.jar: a jar whose plugin declares custom options (EV-11, CFG-04) and whose user
 * names its requests after their values; a master and a separate worker process (DIST-02). Bounded runs.
 */
class CustomOptionsIT {


    private static final String SOURCE = """
            package opts;
            import dev.locustj.core.*;
            import java.util.List;
            public class WithOptions {
                public static class Options extends LocustPlugin {
                    @Override public List<CustomOption> customOptions() {
                        return List.of(CustomOption.string("my-arg", "dflt").help("names the requests"),
                                CustomOption.integer("my-int", 3));
                    }
                    @Override public void init(Environment env) {
                    }
                }
                public static class Reader extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                    @Task public void t() {
                        Environment e = environment();
                        String name = "/" + e.option("my-arg").orElse("none") + "/" + e.option("my-int").orElse("none");
                        e.events().request().fire(RequestEvent.success("opt", name, 1, 1));
                    }
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
        testsJar = JarRuns.testsJar(shared, Map.of("opts/WithOptions.java", SOURCE), "opts.jar");
    }

    private Process start(String name, Map<String, String> env, String... args) throws IOException {
        return JarRuns.start(dir, name, dir, List.of(), env, args);
    }

    private Run finish(String name, Process p, int timeoutSeconds) throws IOException, InterruptedException {
        return JarRuns.finish(dir, name, p, timeoutSeconds);
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return finish("run", start("run", env, args), 30);
    }

    @Test
    void theCommandLineTheEnvironmentAndTheConfigFileReachTheUsers() throws Exception {
        Files.writeString(dir.resolve("locust.conf"), "my-int = 7\n");
        Run r = run(Map.of("LOCUST_MY_ARG", "from-env"), "-f", testsJar.toString(), "--headless", "-u", "1", "-t",
                "1", "--only-summary");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("opt      /from-env/7");

        Run cli = run(Map.of("LOCUST_MY_ARG", "from-env"), "-f", testsJar.toString(), "--headless", "-u", "1", "-t",
                "1", "--only-summary", "--my-arg", "from-cli", "--my-int=9");
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        assertThat(cli.stderr()).contains("opt      /from-cli/9");
    }

    @Test
    void helpListsThemAndBadValuesAreOneLine() throws Exception {
        Run help = run(Map.of(), "-f", testsJar.toString(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Custom options:", "--my-arg=<string>",
                "names the requests [env LOCUST_MY_ARG, default dflt]", "--my-int=<integer>");

        Run bad = run(Map.of(), "-f", testsJar.toString(), "--headless", "--my-int", "seven");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).isEqualTo("locust: error: argument --my-int: invalid int value: 'seven'")
                .doesNotContain("\tat ");
        Run unknown = run(Map.of(), "-f", testsJar.toString(), "--headless", "--my-ints", "7");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("locust: error: unrecognized arguments: --my-ints")
                .contains("Did you mean '--my-int'?").doesNotContain("\tat ");
    }

    @Test
    void aWorkerProcessUsesTheMastersValues() throws Exception { // DIST-02
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process master = start("master", Map.of(), "-f", testsJar.toString(), "--master", "--headless", "-u", "2",
                "-r", "20", "-t", "4s", "--expect-workers", "1", "--expect-workers-max-wait", "30",
                "--master-bind-host", "127.0.0.1", "--master-bind-port", String.valueOf(port), "--only-summary",
                "--my-arg", "from-master", "--my-int", "42");
        Process worker = start("worker", Map.of("LOCUST_MY_ARG", "worker-own"), "-f", testsJar.toString(),
                "--worker", "--master-host", "127.0.0.1", "--master-port", String.valueOf(port));
        Run m = finish("master", master, 60);
        Run w = finish("worker", worker, 30);
        assertThat(m.exitCode()).as(m.stderr()).isZero();
        assertThat(w.exitCode()).as(w.stderr()).isZero();
        assertThat(m.stderr()).contains("opt      /from-master/42").doesNotContain("worker-own");
    }
}
