package dev.locustj.core.spi;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger("locust.capture.test");

    @Test
    void theBufferKeepsTheLast500Lines() {
        for (int i = 0; i < 600; i++) {
            LogCapture.append("line " + i);
        }
        List<String> lines = LogCapture.lines();
        assertThat(lines).hasSize(LogCapture.CAPACITY).endsWith("line 599");
        assertThat(lines.get(0)).isEqualTo("line 100");
    }

    @Test
    void installedOnceItCapturesLinesInLocustsFormat() {
        assertThat(LogCapture.install()).isTrue();
        assertThat(LogCapture.install()).isTrue();
        long before = LogCapture.appended();
        LOG.info("one captured line");
        assertThat(LogCapture.appended()).isEqualTo(before + 1); // installed twice, still one appender
        assertThat(LogCapture.lines().getLast()).matches(
                "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}] \\S+/INFO/locust.capture.test: one captured line");
    }

    @Test
    void aLogbackReconfigurationLosesTheAppenderUntilTheNextInstall() {
        LogCapture.install();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender("locustj-log-capture"); // as a reset does
        long before = LogCapture.appended();
        LOG.info("not captured");
        assertThat(LogCapture.appended()).isEqualTo(before);
        LogCapture.install();
        LOG.info("captured again");
        assertThat(LogCapture.lines().getLast()).endsWith(": captured again");
    }

    @Test
    void theHostNameIsNeverEmpty() {
        assertThat(LocalHostName.get()).isNotBlank();
    }
}
