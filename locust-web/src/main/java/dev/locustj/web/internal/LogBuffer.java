package dev.locustj.web.internal;

import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last 500 log lines of this process, for {@code /logs} (WEB-13, RUN-64). Fed by a logback appender when
 * logback is the SLF4J backend; with another backend the list stays empty.
 */
public final class LogBuffer {

    /** Locust keeps 500 lines. */
    public static final int CAPACITY = 500;

    private static final LogBuffer INSTANCE = new LogBuffer();
    private final ArrayDeque<String> lines = new ArrayDeque<>(CAPACITY);

    private LogBuffer() {
    }

    /**
     * The process-wide buffer, (re-)attached to the logging backend: call it after the logging is configured (a
     * logback reconfiguration drops appenders; the web UI calls it on every start).
     */
    public static LogBuffer instance() {
        synchronized (INSTANCE) {
            String factory = LoggerFactory.getILoggerFactory().getClass().getName();
            if (factory.equals("ch.qos.logback.classic.LoggerContext")) {
                LogbackTap.attach(INSTANCE);
            }
        }
        return INSTANCE;
    }

    /** Adds a line, dropping the oldest beyond {@link #CAPACITY}. */
    public synchronized void add(String line) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** A copy of the lines, oldest first. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
