package dev.locustj.runners.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Locust's master warns when the spawn rate per worker is above 100 (MasterRunner.start; exclusive threshold). */
@Timeout(60)
class MasterSpawnRateWarningTest {

    static final String WARNING = "Your selected spawn rate is very high (>100/worker), and this is known to "
            + "sometimes cause issues. Do you really need to ramp up that fast?";

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ch.qos.logback.classic.Logger runners =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("locust.runners");

    @AfterEach
    void close() throws Exception {
        runners.detachAppender(log);
        s.close();
    }

    private long warnings() {
        return log.list.stream().filter(e -> e.getFormattedMessage().equals(WARNING)).count();
    }

    @Test
    void theRatePerWorkerAbove100Warns() throws Exception {
        MasterRunner master = s.master();
        s.worker(master.port(), "hostA_" + "1".repeat(32));
        s.worker(master.port(), "hostB_" + "2".repeat(32));
        await("2 workers", Duration.ofSeconds(10), () -> master.workerCount() == 2);
        log.start();
        runners.addAppender(log);

        master.start(2, 200); // 100 per worker: no warning
        assertThat(warnings()).isZero();
        master.start(2, 201); // 100.5 per worker
        assertThat(warnings()).isEqualTo(1);
        master.stop();
    }
}
