package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.WorkerOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code -f -} (DIST-09, LF-04): a worker downloads its locustfile(s) from the master before anything else, like
 * Locust's {@code get_locustfiles_locally}. The files go to a fresh temporary directory (deleted when the JVM
 * exits) and are then loaded exactly as {@code -f} would load them: jars, .java files compiled in memory.
 *
 * <p>Errors are one line and exit code 1: {@code -f -} without {@code --worker} (Locust's message), no reply in
 * time, an {@code error} reply, Python files (a Python master sends its .py files, which a Java worker can't run),
 * and URLs (this launcher's {@code -f} doesn't download URLs).
 *
 * <p>The wait for the reply is Locust's CONNECT_TIMEOUT × CONNECT_RETRY_COUNT (300 s). Tests shorten it with the
 * system property {@value #TIMEOUT_PROPERTY} (seconds, e.g. {@code -Dlocustj.locustfileDownloadTimeout=2}); it is
 * not a user option.
 */
final class LocustfileFromMaster {

    /** System property (seconds, decimals allowed) that replaces the 300 s download timeout; for tests. */
    static final String TIMEOUT_PROPERTY = "locustj.locustfileDownloadTimeout";

    private LocustfileFromMaster() {
    }

    /** Downloads the master's locustfiles; returns their paths, ready for {@link UserCodeLoader#load(List)}. */
    static List<String> fetch(LocustOptions o, PrintStream err) throws InterruptedException {
        if (!o.worker()) {
            throw new ExitException(1, "locustfile was set to '-' (meaning to download from master) but --worker "
                    + "was not specified.");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("locustfile-");
        } catch (IOException e) {
            throw new ExitException(1, "Could not create a temporary directory for the locustfile: " + e.getMessage());
        }
        dir.toFile().deleteOnExit();
        List<String> got;
        try {
            got = DistributedRunners.downloadLocustfiles(options(o), dir, err::println);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().deleteOnExit()); // registered after the directory: deleted first
            } catch (IOException e) {
                // nothing was written
            }
        }
        return checked(got);
    }

    /** The downloaded paths, unless they hold URLs or Python files (one-line {@link ExitException}s). */
    static List<String> checked(List<String> got) {
        List<String> urls = got.stream().filter(LocustfileFromMaster::isUrl).toList();
        if (!urls.isEmpty()) {
            throw new ExitException(1, "the master sent locustfile URL(s) " + String.join(", ", urls)
                    + "; this worker can't download URLs: give it the file with -f instead of -f -");
        }
        List<String> python = got.stream().map(p -> Path.of(p).getFileName().toString())
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".py")).toList();
        if (!python.isEmpty()) {
            throw new ExitException(1, "the master sent Python locustfile(s) " + String.join(", ", python)
                    + "; a Java worker needs a .jar, .java or class directory");
        }
        return got;
    }

    private static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** The worker's master address, and the download timeout from {@value #TIMEOUT_PROPERTY} if set. */
    static WorkerOptions options(LocustOptions o) {
        WorkerOptions w = WorkerOptions.defaults().withMaster(o.masterHost(), o.masterPort());
        String t = System.getProperty(TIMEOUT_PROPERTY);
        if (t == null || t.isBlank()) {
            return w;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(t.strip());
        } catch (NumberFormatException e) {
            throw new ExitException(1, TIMEOUT_PROPERTY + " must be a number of seconds, got '" + t + "'");
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new ExitException(1, TIMEOUT_PROPERTY + " must be > 0 and <= 86400 seconds, got '" + t + "'");
        }
        Duration timeout = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        return w.withTimers(w.heartbeatInterval(), w.statsInterval(), timeout, 1, w.masterHeartbeatTimeout());
    }
}
