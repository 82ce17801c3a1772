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
        int code = Launcher.forProcess().run(args);
        System.out.flush();
        System.exit(code);
    }
}
