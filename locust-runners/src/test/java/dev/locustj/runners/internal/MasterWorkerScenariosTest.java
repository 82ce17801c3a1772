package dev.locustj.runners.internal;

import dev.locustj.core.Events;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Rebalancing, the usage monitor's events on both sides, and a worker's wait after a stop, over loopback. */
@Timeout(60)
class MasterWorkerScenariosTest {

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    /** A master that tolerates 2 s without heartbeats (a loaded machine) and keeps missing workers 60 s. */
    private MasterRunner master(DefaultEnvironment env, boolean rebalancing) {
        return s.master(env, MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 20, 600).withEnableRebalancing(rebalancing));
    }

    /** A worker that waits 20 s for the master's heartbeats. */
    private WorkerRunner worker(DefaultEnvironment env, int port, String id) {
        WorkerRunner w = new WorkerRunner(env, WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(20))
                .withNodeId(id));
        s.closeLater(w::kill);
        return w;
    }

    private static DefaultEnvironment alphaEnv() {
        return DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class);
    }

    @Test
    void withRebalancingAMissingWorkersUsersMoveToTheOthersAtOnce() throws Exception {
        // missing workers are kept for 600 ticks: only rebalancing moves their users within this test
        MasterRunner master = master(alphaEnv(), true);
        WorkerRunner a = worker(alphaEnv(), master.port(), "rebalance_a");
        WorkerRunner b = worker(alphaEnv(), master.port(), "rebalance_b");
        assertThat(a.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(b.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("two workers", Duration.ofSeconds(10), () -> master.workerCount() == 2);
        master.start(4, 100);
        await("2 + 2 users", Duration.ofSeconds(10), () -> a.userCount() == 2 && b.userCount() == 2);
        await("spawning complete", Duration.ofSeconds(10),
                () -> master.state() == dev.locustj.core.RunnerState.RUNNING);
        b.pauseHeartbeats(true);
        await("b missing", Duration.ofSeconds(10), () -> "missing".equals(master.workerStates().get("rebalance_b")));
        await("all 4 users on a", Duration.ofSeconds(10), () -> a.userCount() == 4);
        b.pauseHeartbeats(false);
    }

    @Test
    void theUsageMonitorFiresItsEventsOnTheMasterAndOnTheWorker() throws Exception {
        DefaultEnvironment menv = alphaEnv();
        DefaultEnvironment wenv = alphaEnv();
        List<Events.UsageMonitorEvent> onMaster = new CopyOnWriteArrayList<>();
        List<Events.UsageMonitorEvent> onWorker = new CopyOnWriteArrayList<>();
        menv.events().usageMonitor().add(onMaster::add);
        wenv.events().usageMonitor().add(onWorker::add);
        MasterRunner master = master(menv, false);
        WorkerRunner w = worker(wenv, master.port(), "monitored_1");
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        master.start(1, 100);
        await("usage_monitor on both sides", Duration.ofSeconds(20),
                () -> !onMaster.isEmpty() && !onWorker.isEmpty());
        assertThat(onMaster.get(0).memoryUsage()).isPositive();
        assertThat(onWorker.get(0).memoryUsage()).isPositive();
        assertThat(onWorker.get(0).cpuUsage()).isNotNegative();
        await("the worker's usage in its heartbeats", Duration.ofSeconds(10),
                () -> master.workers().stream().anyMatch(i -> i.memoryUsage() > 0));
    }

    @Test
    void aStoppedWorkerWaitsTheStopTimeoutBeforeItIsReadyAgain() throws Exception {
        DefaultEnvironment menv = alphaEnv();
        menv.stopTimeout(Duration.ofMillis(1500));
        MasterRunner master = master(menv, false);
        WorkerRunner w = worker(alphaEnv(), master.port(), "stopper_1");
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        master.start(1, 100);
        await("1 user", Duration.ofSeconds(10), () -> w.userCount() == 1);
        master.stop();
        long stopped = System.nanoTime();
        await("the worker left the running workers", Duration.ofSeconds(10),
                () -> !master.workerStates().containsKey("stopper_1"));
        await("the worker ready again", Duration.ofSeconds(15),
                () -> "ready".equals(master.workerStates().get("stopper_1")));
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("the stop timeout sent in the spawn message")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(w.userCount()).isZero();
    }

}
