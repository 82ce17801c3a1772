package dev.locustj.cli;

import dev.locustj.cli.internal.Launcher;

/**
 * The {@code locust} command (Main-Class of locust.jar): {@code java -jar locust.jar -f tests.jar --headless -u 10}.
 * Options, environment variables and config files are described in docs/configuration.md.
 */
public final class Main {

    private Main() {
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        // msgpack-core's default buffers use sun.misc.Unsafe, which JDK 24+ warns about on stderr at first use; its
        // portable buffers do the same on the heap (the master/worker messages are small)
        if (System.getProperty("msgpack.universal-buffer") == null) {
            System.setProperty("msgpack.universal-buffer", "true");
        }
        int code = Launcher.forProcess().run(args);
        System.out.flush();
        System.exit(code);
    }
}
