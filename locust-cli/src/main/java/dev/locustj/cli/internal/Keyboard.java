package dev.locustj.cli.internal;

import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keyboard control of a running test (RUN-15): {@code w} +1 user, {@code W} +10, {@code s} -1, {@code S} -10, each
 * at rate 100, refused while spawning. Active only when stdin is a terminal; puts the terminal in raw mode with
 * {@code stty} and restores it at exit.
 */
final class Keyboard {

    private static final Logger LOG = LoggerFactory.getLogger("locust.input_events");

    private Keyboard() {
    }

    /** Starts the listener when stdin is a terminal; returns the thread, or null when it was not started. */
    static Thread start(Runner runner) {
        if (!stdinIsTerminal() || !stty("-icanon", "-echo", "min", "1")) {
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stty("sane"), "locust-tty-restore"));
        Thread t = Thread.ofPlatform().daemon().name("locust-keyboard").start(() -> loop(runner, System.in));
        return t;
    }

    static void loop(Runner runner, InputStream in) {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                apply(runner, (char) c);
            }
        } catch (IOException e) {
            LOG.debug("keyboard input ended: {}", e.toString());
        }
    }

    /** Applies one key. */
    static void apply(Runner runner, char key) {
        int delta = switch (key) {
            case 'w' -> 1;
            case 'W' -> 10;
            case 's' -> -1;
            case 'S' -> -10;
            default -> 0;
        };
        if (delta == 0) {
            return;
        }
        if (runner.state() == RunnerState.SPAWNING) {
            LOG.warn(delta > 0 ? "Already spawning users, can't spawn more right now"
                    : "Spawning users, can't stop right now");
            return;
        }
        int target = Math.max(0, runner.userCount() + delta);
        if (target > runner.maxUsers()) {
            LOG.warn("Not spawning beyond the limit of {} users (--max-users)", runner.maxUsers());
            target = runner.maxUsers();
            if (target <= runner.userCount()) {
                return;
            }
        }
        runner.start(target, 100);
    }

    private static boolean stdinIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+: a console exists even when redirected; ask whether it is a terminal
            Object r = java.io.Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.TRUE.equals(r);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: System.console() is null unless stdin and stdout are terminals
        }
    }

    private static boolean stty(String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
