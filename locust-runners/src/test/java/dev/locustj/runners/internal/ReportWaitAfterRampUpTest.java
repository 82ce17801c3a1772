package dev.locustj.runners.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.ConfigurationException;
import dev.locustj.runners.MasterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP}: its two forms, bad values, and the master using it. */
@Timeout(60)
class ReportWaitAfterRampUpTest {

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @AfterEach
    void close() throws Exception {
        ((Logger) LoggerFactory.getLogger("locust.runners")).detachAppender(logs);
        s.close();
    }

    @Test
    void secondsOrAMultipleOfTheReportInterval() {
        assertThat(MasterOptions.parseWaitForReportsAfterRampUp("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(MasterOptions.parseWaitForReportsAfterRampUp("0")).isEqualTo(Duration.ZERO);
        assertThat(MasterOptions.parseWaitForReportsAfterRampUp("1.25 * WORKER_REPORT_INTERVAL"))
                .isEqualTo(Duration.ofMillis(3750));
        assertThat(MasterOptions.parseWaitForReportsAfterRampUp("2*WORKER_REPORT_INTERVAL"))
                .isEqualTo(Duration.ofSeconds(6));
        for (String bad : new String[]{"soon", "-1", "NaN", "1e99", "* WORKER_REPORT_INTERVAL", ""}) {
            assertThatThrownBy(() -> MasterOptions.parseWaitForReportsAfterRampUp(bad))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP must be seconds (e.g. 2.5) or "
                            + "'N * WORKER_REPORT_INTERVAL', got '" + bad + "'");
        }
    }

    @Test
    void aZeroWaitEndsTheRampWithoutWaitingForReports() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger("locust.runners")).addAppender(logs);
        MasterRunner master = s.master(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class),
                MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                        .withHeartbeat(Duration.ofMillis(100), 3, 20)
                        .withWaitForReportsAfterRampUp(MasterOptions.parseWaitForReportsAfterRampUp("0")));
        WorkerRunner w = s.worker(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class), master.port(),
                "waiter_1");
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        master.start(1, 100);
        DistributedTestSupport.await("the end of the ramp", Duration.ofSeconds(10),
                () -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                        "Spawning is complete and report waittime is expired")));
    }
}
