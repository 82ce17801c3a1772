package dev.locustj.web.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A logback appender that copies lines into a {@link LogBuffer}; loaded only when logback is present. */
final class LogbackTap extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "locustj-web-logs";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());
    private final LogBuffer buffer;
    private final String hostname;

    private LogbackTap(LogBuffer buffer) {
        this.buffer = buffer;
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            h = "localhost";
        }
        this.hostname = h;
    }

    /**
     * Adds the appender to the root logger unless it is already there, and quiets Javalin's and Jetty's start-up
     * chatter (Locust logs one line for its web server) unless the logging configuration set their levels.
     */
    static void attach(LogBuffer buffer) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : new String[] {"io.javalin", "org.eclipse.jetty"}) {
            Logger logger = ctx.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
        if (ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(NAME) != null) {
            return;
        }
        LogbackTap tap = new LogbackTap(buffer);
        tap.setContext(ctx);
        tap.setName(NAME);
        tap.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(tap);
    }

    @Override
    protected void append(ILoggingEvent e) {
        // Locust's format (RUN-64): [time] HOSTNAME/LEVEL/logger: message
        buffer.add("[" + TIME.format(Instant.ofEpochMilli(e.getTimeStamp())) + "] " + hostname + "/"
                + e.getLevel() + "/" + e.getLoggerName() + ": " + e.getFormattedMessage());
    }
}
