package dev.locustj.runners.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A Logback appender feeding {@link WorkerLogBuffer} (DIST-10). Only loaded after {@link WorkerLogBuffer} checked
 * that Logback is present. Lines look like Locust's: {@code [2024-05-01 12:00:00,123] host/INFO/logger: message}.
 */
final class LogbackCapture extends AppenderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private final String host;

    private LogbackCapture(String host) {
        this.host = host;
    }

    static void install() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        String host = WorkerRunner.defaultNodeId();
        LogbackCapture appender = new LogbackCapture(host.substring(0, host.lastIndexOf('_')));
        appender.setContext(ctx);
        appender.setName("locustj-worker-logs");
        appender.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Override
    protected void append(ILoggingEvent e) {
        WorkerLogBuffer.append("[" + TIME.format(Instant.ofEpochMilli(e.getTimeStamp())) + "] " + host + "/"
                + e.getLevel() + "/" + e.getLoggerName() + ": " + e.getFormattedMessage());
    }
}
