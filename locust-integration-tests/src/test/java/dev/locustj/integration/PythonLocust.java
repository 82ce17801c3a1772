package dev.locustj.integration;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's python3-locust (/usr/bin/python3 -m locust) as a child process on loopback. Tests that need it call
 * {@link #assumeInstalled()}: without python3-locust they are skipped with a clear message (CI installs it).
 */
final class PythonLocust implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** The locustfile both sides share: the same class name as the Java user ({@code Requester}). */
    static final String LOCUSTFILE = """
            from locust import User, task, constant


            class Requester(User):
                wait_time = constant(0.05)

                @task
                def work(self):
                    self.environment.events.request.fire(request_type="kv", name="/py", response_time=7,
                                                         response_length=3, exception=None, context={})
            """;

    /**
     * Runs locust with {@code __version__ = "2.12.1"}: Debian's package reports an empty version, which every Python
     * master rejects (protocol §10), so Python workers under a Python master need this shim.
     */
    static final String VERSION_SHIM = """
            import sys, types
            m = types.ModuleType("locust._version")
            m.version = "2.12.1"
            sys.modules["locust._version"] = m
            from locust.main import main
            sys.argv[0] = "locust"
            main()
            """;

    private static Boolean installed;

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    PythonLocust(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("locustfile.py"), LOCUSTFILE);
        Files.writeString(dir.resolve("locust_2_12_1.py"), VERSION_SHIM);
    }

    static synchronized boolean installed() {
        if (installed == null) {
            boolean ok = false;
            if (Files.isExecutable(PYTHON)) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import locust.main")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException | InterruptedException e) {
                    ok = false;
                }
            }
            installed = ok;
        }
        return installed;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), "python3-locust is not installed (apt-get install -y python3-locust): "
                + "skipping the Python Locust interoperability tests");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code python3 -m locust -f locustfile.py <args>}, output into {@code <name>.log}. */
    Process start(String name, String... args) throws IOException {
        return start(false, name, args);
    }

    /** Like {@link #start(String, String...)}; {@code shim} runs it with the version "2.12.1" instead of "". */
    Process start(boolean shim, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(shim
                ? List.of(PYTHON.toString(), dir.resolve("locust_2_12_1.py").toString())
                : List.of(PYTHON.toString(), "-m", "locust"));
        cmd.addAll(List.of("-f", dir.resolve("locustfile.py").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** The log of a process started as {@code name}. */
    String log(String name) throws IOException {
        Path p = dir.resolve(name + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
