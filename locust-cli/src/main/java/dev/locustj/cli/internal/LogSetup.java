package dev.locustj.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Configures Logback like Locust configures Python logging (RUN-64): {@code [time] HOSTNAME/LEVEL/logger: message}
 * to stderr or {@code --logfile}, at {@code -L}; the stats tables through {@code locust.stats_logger} with the
 * plain message format, always to stderr.
 */
public final class LogSetup {

    /** The logger of the console stats tables. */
    public static final String STATS_LOGGER = "locust.stats_logger";

    private LogSetup() {
    }

    /** Applies the configuration; {@code level} is one of Locust's level names. */
    public static void configure(String level, Optional<String> logfile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J backend: leave it alone
        }
        ctx.reset();
        String host = hostname();
        OutputStreamAppender<ILoggingEvent> main = logfile.isPresent()
                ? fileAppender(ctx, logfile.get())
                : consoleAppender(ctx, "console");
        main.setEncoder(encoder(ctx, "[%d{\"yyyy-MM-dd HH:mm:ss,SSS\"}] " + host.replace("%", "\\%")
                + "/%replace(%level){'^WARN$','WARNING'}/%logger: %msg%n%ex"));
        main.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(level));
        root.addAppender(main);

        ConsoleAppender<ILoggingEvent> plain = consoleAppender(ctx, "console_plain");
        plain.setEncoder(encoder(ctx, "%msg%n"));
        plain.start();
        Logger stats = ctx.getLogger(STATS_LOGGER);
        stats.setAdditive(false);
        stats.setLevel(Level.INFO);
        stats.addAppender(plain);
        // chatty libraries stay at WARN unless -L DEBUG
        if (!"DEBUG".equals(level)) {
            for (String lib : new String[] {"io.netty", "org.eclipse.jetty", "io.javalin", "org.zeromq"}) {
                ctx.getLogger(lib).setLevel(Level.WARN);
            }
        }
    }

    /**
     * {@code --skip-log-setup}: leaves a user's Logback configuration (logback.xml, logback-test.xml or
     * -Dlogback.configurationFile) alone; without one, does what Python does without logging setup: warnings and
     * errors as plain lines on stderr, so stdout stays clean for {@code --json}.
     */
    public static void skip() {
        if (System.getProperty("logback.configurationFile") != null
                || ClassLoader.getSystemResource("logback.xml") != null
                || ClassLoader.getSystemResource("logback-test.xml") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.reset();
        ConsoleAppender<ILoggingEvent> a = consoleAppender(ctx, "last_resort");
        a.setEncoder(encoder(ctx, "%msg%n"));
        a.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(a);
    }

    /** Locust level name to Logback (CRITICAL is ERROR). */
    static Level toLogback(String level) {
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "DEBUG" -> Level.DEBUG;
            case "WARNING", "WARN" -> Level.WARN;
            case "ERROR", "CRITICAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    /** The host name up to the first dot, like Locust's HOSTNAME. */
    static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                h = "localhost";
            }
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    private static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext ctx, String name) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName(name);
        a.setTarget("System.err");
        return a;
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext ctx, String file) {
        FileAppender<ILoggingEvent> a = new FileAppender<>();
        a.setContext(ctx);
        a.setName("file");
        a.setFile(file);
        a.setAppend(true);
        return a;
    }
}
