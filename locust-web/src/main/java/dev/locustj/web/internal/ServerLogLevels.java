package dev.locustj.web.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.locustj.core.spi.LogCapture;
import org.slf4j.LoggerFactory;

/**
 * Quiets Javalin's and Jetty's start-up chatter (Locust logs one line for its web server): their loggers go to WARN
 * unless the logging configuration set their levels. Does nothing when Logback is not the SLF4J backend.
 */
final class ServerLogLevels {

    private ServerLogLevels() {
    }

    static void quiet() {
        if (LogCapture.logbackIsTheBackend()) {
            warnUnlessConfigured();
        }
    }

    private static void warnUnlessConfigured() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : new String[] {"io.javalin", "org.eclipse.jetty"}) {
            Logger logger = ctx.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
