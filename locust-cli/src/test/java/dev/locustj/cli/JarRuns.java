package dev.locustj.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.locustj.cli.internal.TestCode;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded {@code locust.jar} in a child JVM for the end-to-end tests (the ITs of this package). Every run
 * is bounded: {@link #finish} kills a process that outlives its time and fails the test with its stderr.
 */
final class JarRuns {

    static final Path JAR = Path.of(System.getProperty("locust.jar", "target/locust.jar")).toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A finished run. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private JarRuns() {
    }

    /** Compiles {@code sources} (relative path to source text) against the shaded jar into {@code dir/jarName}. */
    static Path testsJar(Path dir, Map<String, String> sources, String jarName) throws IOException {
        assertThat(JAR).as("build the shaded jar first (mvn verify)").exists();
        List<Path> src = TestCode.write(dir.resolve("src"), sources);
        return TestCode.jar(TestCode.compile(src, dir.resolve("classes"), JAR.toString()), dir.resolve(jarName));
    }

    /**
     * Starts {@code java [jvm] -jar locust.jar args} in {@code cwd} (also its HOME, so no user's config file is
     * read), without the caller's {@code LOCUST_*} variables but with {@code env}; stdout and stderr go to
     * {@code logs/<name>.out} and {@code logs/<name>.err}.
     */
    static Process start(Path logs, String name, Path cwd, List<String> jvm, Map<String, String> env,
                         String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(cwd);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LOCUST_"));
        pb.environment().put("HOME", cwd.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits for a process started by {@link #start} at most {@code seconds}, then reads its output. */
    static Run finish(Path logs, String name, Process p, int seconds) throws IOException, InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not end within " + seconds + " s; stderr:\n" + stderr(logs, name));
        }
        return new Run(p.exitValue(), Files.readString(logs.resolve(name + ".out"), StandardCharsets.UTF_8),
                stderr(logs, name));
    }

    /** What a run started by {@link #start} has written to stderr so far ("" before it wrote anything). */
    static String stderr(Path logs, String name) throws IOException {
        Path p = logs.resolve(name + ".err");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
