package dev.locustj.core.spi;

import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@value #CAPACITY} log lines of this process, in Locust's format
 * ({@code [2024-05-01 12:00:00,123] host/INFO/logger: message}): what the web UI's {@code /logs} shows and what a
 * worker sends to its master in {@code logs} messages (Locust keeps the same 500-line buffer). Lines arrive from a
 * Logback appender that {@link #install()} attaches when Logback is the SLF4J backend, or from any other logging
 * bridge that calls {@link #append(String)}; with another backend and no bridge the buffer stays empty.
 */
public final class LogCapture {

    /** How many lines are kept (Locust's in-memory log handler keeps 500). */
    public static final int CAPACITY = 500;

    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";
    private static final ArrayDeque<String> LINES = new ArrayDeque<>(CAPACITY);
    private static long appended;

    private LogCapture() {
    }

    /**
     * Attaches the capturing appender to Logback's root logger unless it is already there; does nothing when Logback
     * is not the SLF4J backend (logback-classic is optional). Call it after the logging is configured: a Logback
     * reconfiguration drops appenders, and calling it again puts this one back. True when lines are being captured.
     */
    public static synchronized boolean install() {
        if (!logbackIsTheBackend()) {
            return false;
        }
        LogbackLineAppender.attach();
        return true;
    }

    /** Adds one formatted log line, dropping the oldest beyond {@value #CAPACITY}. */
    public static synchronized void append(String line) {
        if (LINES.size() == CAPACITY) {
            LINES.removeFirst();
        }
        LINES.addLast(line);
        appended++;
    }

    /** The kept lines, oldest first. */
    public static synchronized List<String> lines() {
        return List.copyOf(LINES);
    }

    /** How many lines were ever appended (to tell whether there are new ones). */
    public static synchronized long appended() {
        return appended;
    }

    /** True when the SLF4J backend is Logback, checked by name so that no Logback class loads without it. */
    public static boolean logbackIsTheBackend() {
        return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK);
    }
}
