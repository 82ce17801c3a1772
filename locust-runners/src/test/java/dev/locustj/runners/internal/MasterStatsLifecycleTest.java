package dev.locustj.runners.internal;

import dev.locustj.core.RequestEvent;
import dev.locustj.core.RunnerState;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master's stats across tests, with a Java worker over loopback: a start from stopped clears them (Locust's
 * {@code clear_all}), and the final ratio of the HTML report is the users reported when the test began to stop.
 */
@Timeout(60)
class MasterStatsLifecycleTest {

    private final DistributedTestSupport s = new DistributedTestSupport();

    /** Requests {@code /other}. */
    public static class OtherRequester extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
        @Task public void work() {
            environment().events().request().fire(RequestEvent.success("kv", "/other", 3.0, 10));
        }
    }

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    @Test
    void aStartFromStoppedClearsTheNamesOfTheEarlierRun() throws Exception { // RUN-03, DIST-06
        DefaultEnvironment menv = DistributedTestSupport.envWith(DistributedTestSupport.Requester.class,
                OtherRequester.class);
        // heartbeats tolerant of a busy machine: a worker that goes missing stops the test
        MasterRunner master = s.master(menv, MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 50, 100));
        WorkerRunner w = new WorkerRunner(DistributedTestSupport.envWith(DistributedTestSupport.Requester.class,
                OtherRequester.class), WorkerOptions.defaults().withMaster("127.0.0.1", master.port())
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(10))
                .withNodeId("h_" + "d".repeat(32)));
        s.closeLater(w::kill);
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("1 worker", Duration.ofSeconds(5), () -> master.workerCount() == 1);

        master.start(1, 100, List.of(DistributedTestSupport.Requester.class));
        await("/get merged", Duration.ofSeconds(10), () -> requests(menv.stats().snapshot(), "/get") > 5);
        master.stop();
        await("stopped", Duration.ofSeconds(10), () -> master.state() == RunnerState.STOPPED
                && master.workerStates().values().stream().allMatch("ready"::equals));
        assertThat(master.finalUserClassesCount()).isEqualTo(Map.of("OtherRequester", 0, "Requester", 1));

        master.start(1, 100, List.of(OtherRequester.class));
        await("/other merged", Duration.ofSeconds(10), () -> requests(menv.stats().snapshot(), "/other") > 5);
        master.stop();
        StatsSnapshot snap = menv.stats().snapshot();
        assertThat(snap.entries()).extracting(StatsEntrySnapshot::name).containsExactly("/other");
        assertThat(master.finalUserClassesCount()).isEqualTo(Map.of("OtherRequester", 1, "Requester", 0));
    }

    private static long requests(StatsSnapshot s, String name) {
        return s.entries().stream().filter(e -> e.name().equals(name)).mapToLong(StatsEntrySnapshot::numRequests)
                .sum();
    }
}
