package dev.locustj.runners.internal;

import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The worker's in-memory log buffer (DIST-10): the last {@value #CAPACITY} formatted log lines of this process, which
 * a worker sends to the master in {@code logs} messages (Locust ≥2.29 keeps the same 500-line buffer). Lines arrive
 * through {@link #append(String)}: from a Logback appender installed by {@link #installCapture()} when Logback is
 * the SLF4J backend, or from any other logging bridge that calls it.
 */
public final class WorkerLogBuffer {

    /** How many lines are kept (Locust's in-memory log handler keeps 500). */
    public static final int CAPACITY = 500;

    private static final ArrayDeque<String> LINES = new ArrayDeque<>(CAPACITY);
    private static long appended;
    private static boolean captureInstalled;

    private WorkerLogBuffer() {
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

    /**
     * Attaches a capturing appender to Logback's root logger once, when Logback is the SLF4J backend; otherwise does
     * nothing (logback-classic is an optional dependency of this module). True when lines are being captured.
     */
    public static synchronized boolean installCapture() {
        if (captureInstalled) {
            return true;
        }
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, WorkerLogBuffer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (!LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return false;
        }
        LogbackCapture.install();
        captureInstalled = true;
        return true;
    }
}
