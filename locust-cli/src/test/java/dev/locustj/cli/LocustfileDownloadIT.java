package dev.locustj.cli;

import dev.locustj.cli.internal.TestCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with the shaded locust.jar (DIST-09, LF-04): a master process started with {@code -f tests.jar} and a
 * worker process started with {@code --worker -f -} in a directory without any user code. The worker downloads the
 * jar, runs the users, and the master's CSV has its requests. Over IPv6 loopback ({@code ::1}) when the machine has
 * it, else over 127.0.0.1. Every run is bounded.
 */
class LocustfileDownloadIT {


    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path testsJar;

    @BeforeAll
    static void buildUserJar() throws IOException {
        testsJar = JarRuns.testsJar(shared, Map.of("demo/CustomUsers.java", TestCode.CUSTOM_USERS), "tests.jar");
    }

    private Process start(Path cwd, String name, List<String> jvm, String... args) throws IOException {
        return JarRuns.start(dir, name, cwd, jvm, Map.of(), args);
    }

    private int finish(Process p, String name, int seconds) throws IOException, InterruptedException {
        return JarRuns.finish(dir, name, p, seconds).exitCode();
    }

    private String stderr(String name) throws IOException {
        return JarRuns.stderr(dir, name);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }

    private static boolean hasIpv6Loopback() {
        try {
            freePort("::1");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aDashFWorkerProcessDownloadsTheMastersJarAndRunsTheTest() throws Exception {
        String host = hasIpv6Loopback() ? "::1" : "127.0.0.1";
        int port = freePort(host);
        Process master = start(dir.resolve("m"), "master", List.of(), "-f", testsJar.toString(), "--master",
                "--headless", "-u", "4", "-r", "20", "-t", "5s", "--expect-workers", "1",
                "--expect-workers-max-wait", "60", "--master-bind-host", host, "--master-bind-port",
                String.valueOf(port), "--csv", "dist", "--only-summary", "GoodUser");
        Process worker = start(dir.resolve("w"), "worker", List.of(), "--worker", "-f", "-", "--master-host", host,
                "--master-port", String.valueOf(port), "GoodUser");
        int masterCode = finish(master, "master", 90);
        int workerCode = finish(worker, "worker", 30);
        assertThat(masterCode).as(stderr("master")).isZero();
        assertThat(workerCode).as(stderr("worker")).isZero();
        assertThat(stderr("worker")).doesNotContain("\tat ").doesNotContain("ERROR");
        List<String> stats = Files.readAllLines(dir.resolve("m/dist_stats.csv"));
        String good = stats.stream().filter(l -> l.startsWith("custom,/good,")).findFirst().orElseThrow();
        assertThat(Long.parseLong(good.split(",")[2])).as("requests made by the -f - worker").isGreaterThan(10);
        try (var left = Files.list(dir.resolve("w"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing written in the worker's directory")
                    .doesNotContain("tests.jar");
        }
    }

    @Test
    void aWorkerParentWithProcessesDownloadsOnceAndHandsTheFilesToItsWorkers() throws Exception { // DIST-04
        int port = freePort("127.0.0.1");
        Process master = start(dir.resolve("m"), "master", List.of(), "-f", testsJar.toString(), "--master",
                "--headless", "-u", "4", "-r", "20", "-t", "4s", "--expect-workers", "2",
                "--expect-workers-max-wait", "60", "--master-bind-host", "127.0.0.1", "--master-bind-port",
                String.valueOf(port), "--csv", "dist", "--only-summary", "GoodUser");
        Process workers = start(dir.resolve("w"), "workers", List.of(), "--worker", "--processes", "2", "-f", "-",
                "--master-port", String.valueOf(port), "GoodUser");
        int masterCode = finish(master, "master", 120);
        int workersCode = finish(workers, "workers", 30);
        assertThat(masterCode).as(stderr("master")).isZero();
        assertThat(workersCode).as(stderr("workers")).isZero();
        assertThat(stderr("workers")).contains("Started 2 worker processes").doesNotContain("\tat ");
        assertThat(stderr("master")).containsPattern("\\(index 1\\) reported as ready");
    }

    @Test
    void aDashFWorkerWithoutAMasterGivesUpWithOneLine() throws Exception {
        Process worker = start(dir.resolve("w"), "worker", List.of("-Dlocustj.locustfileDownloadTimeout=1.5"),
                "--worker", "-f", "-", "--master-host", "127.0.0.1", "--master-port",
                String.valueOf(freePort("127.0.0.1")));
        assertThat(finish(worker, "worker", 30)).isEqualTo(1);
        assertThat(stderr("worker")).contains("Got no locustfile response from master, gave up after 1.5s")
                .doesNotContain("\tat ");
    }

    @Test
    void dashFWithoutWorkerExitsOne() throws Exception {
        Process p = start(dir.resolve("x"), "plain", List.of(), "-f", "-", "--headless");
        assertThat(finish(p, "plain", 30)).isEqualTo(1);
        assertThat(stderr("plain")).contains("locustfile was set to '-' (meaning to download from master) but "
                + "--worker was not specified.");
    }
}
