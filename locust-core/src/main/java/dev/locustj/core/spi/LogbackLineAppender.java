package dev.locustj.core.spi;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The Logback appender that formats each event as Locust does and hands it to {@link LogCapture}. Loaded only after
 * {@link LogCapture} checked that Logback is the SLF4J backend.
 */
final class LogbackLineAppender extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "locustj-log-capture";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private final String host;

    private LogbackLineAppender(String host) {
        this.host = host;
    }

    /** Adds the appender to the root logger unless one of this name is already there. */
    static void attach() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) != null) {
            return;
        }
        LogbackLineAppender appender = new LogbackLineAppender(LocalHostName.get());
        appender.setContext(ctx);
        appender.setName(NAME);
        appender.start();
        root.addAppender(appender);
    }

    @Override
    protected void append(ILoggingEvent e) {
        LogCapture.append("[" + TIME.format(Instant.ofEpochMilli(e.getTimeStamp())) + "] " + host + "/"
                + e.getLevel() + "/" + e.getLoggerName() + ": " + e.getFormattedMessage());
    }
}
