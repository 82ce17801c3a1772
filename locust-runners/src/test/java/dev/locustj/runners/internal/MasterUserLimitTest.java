package dev.locustj.runners.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.RunnerState;
import dev.locustj.runners.MasterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --max-users on a master counts the users of all workers; its default follows the master's heap. */
class MasterUserLimitTest {

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void aStartAboveTheLimitIsRefusedAndTheWorkersRunUpToIt() throws Exception {
        MasterRunner master = s.master(DistributedTestSupport.env(Map.of("headless", "false", "max-users", "6")),
                MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                        .withHeartbeat(Duration.ofMillis(100), 3, 20));
        WorkerRunner w = s.worker(master.port(), "hostA_" + "1".repeat(32));
        await("1 worker", Duration.ofSeconds(5), () -> master.workerCount() == 1);
        assertThat(master.maxUsers()).isEqualTo(6);
        assertThatThrownBy(() -> master.start(1_000_000_000, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("user count 1000000000 is above the limit of 6 users (set by --max-users)");
        assertThat(master.state()).isEqualTo(RunnerState.READY);
        master.start(6, 100);
        await("6 users", Duration.ofSeconds(10), () -> master.userCount() == 6 && w.userCount() == 6);
    }

    @Test
    void theDefaultFollowsTheMastersHeapAtItsDispatcherCost() {
        MasterRunner master = s.master();
        long expected = Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 256);
        assertThat(master.maxUsers()).isEqualTo((int) expected);
    }
}
