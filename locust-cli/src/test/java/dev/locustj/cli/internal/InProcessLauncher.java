package dev.locustj.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher run in-process on a directory that holds {@code tests.jar} (the users of
 * {@link TestCode#CUSTOM_USERS}), with its stdout and stderr captured: for the tests of everything that ends
 * before (or instead of) a load test.
 */
final class InProcessLauncher {

    private final Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    InProcessLauncher(Path dir) throws IOException {
        this.dir = dir;
        List<Path> src = TestCode.write(dir.resolve("src"), Map.of("demo/CustomUsers.java", TestCode.CUSTOM_USERS));
        TestCode.jar(TestCode.compile(src, dir.resolve("classes"), ""), dir.resolve("tests.jar"));
    }

    /** Runs the launcher in {@code dir} with {@code env} as the environment (no config file in a home). */
    int run(Map<String, String> env, String... args) {
        Launcher l = new Launcher(new OptionsParser(env, dir, Optional.empty()), dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return l.run(args);
    }

    /** All stdout since the start or the last {@link #clearOutput()}. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** All stderr since the start or the last {@link #clearOutput()}. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets the output captured so far. */
    void clearOutput() {
        out.reset();
        err.reset();
    }
}
