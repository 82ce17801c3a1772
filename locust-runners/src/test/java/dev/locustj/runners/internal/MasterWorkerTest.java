package dev.locustj.runners.internal;

import dev.locustj.core.RunnerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A Java master and Java workers over loopback ZeroMQ (DIST-01..08, DIST-12..16, RUN-53, RUN-62). */
@Timeout(60)
class MasterWorkerTest {

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    @Test
    void workersConnectGetIndexesRunTheDistributionStopAndQuit() throws Exception {
        MasterRunner master = s.master();
        WorkerRunner w1 = s.worker(master.port(), "hostA_" + "1".repeat(32));
        WorkerRunner w2 = s.worker(master.port(), "hostB_" + "2".repeat(32));
        assertThat(w1.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(w2.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(List.of(w1.workerIndex(), w2.workerIndex())).containsExactlyInAnyOrder(0, 1);
        await("2 workers", Duration.ofSeconds(5), () -> master.workerCount() == 2);

        master.start(6, 100);
        await("6 users", Duration.ofSeconds(10), () -> master.userCount() == 6 && w1.userCount() + w2.userCount() == 6);
        await("running", Duration.ofSeconds(5), () -> master.state() == RunnerState.RUNNING);
        // A=1, B=2 over two hosts: sequence B A B B A B, alternating workers
        assertThat(master.userClassesCount()).containsEntry("Alpha", 2).containsEntry("Beta", 4);
        assertThat(w1.userClassesCount()).isEqualTo(Map.of("Alpha", 1, "Beta", 2));
        assertThat(w2.userClassesCount()).isEqualTo(Map.of("Alpha", 1, "Beta", 2));
        assertThat(w1.state()).isEqualTo(RunnerState.RUNNING);

        master.start(2, 100); // ramp down
        await("2 users", Duration.ofSeconds(10), () -> w1.userCount() + w2.userCount() == 2 && master.userCount() == 2);

        master.stop();
        assertThat(w1.userCount() + w2.userCount()).isZero();
        await("stopped and workers ready again", Duration.ofSeconds(10), () -> master.state() == RunnerState.STOPPED
                && master.workerCount() == 2 && master.workerStates().values().stream().allMatch("ready"::equals));

        master.quit();
        assertThat(w1.await(Duration.ofSeconds(10))).isTrue();
        assertThat(w2.await(Duration.ofSeconds(10))).isTrue();
        assertThat(w1.environment().processExitCode()).isEmpty();
    }

    @Test
    void statsAndExceptionsOfJavaWorkersAreMergedOnTheMaster() throws Exception {
        var menv = DistributedTestSupport.envWith(DistributedTestSupport.Requester.class,
                DistributedTestSupport.Crasher.class);
        MasterRunner master = s.master(menv);
        String id = "h_" + "c".repeat(32);
        WorkerRunner w = s.worker(DistributedTestSupport.envWith(DistributedTestSupport.Requester.class,
                DistributedTestSupport.Crasher.class), master.port(), id);
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("1 worker", Duration.ofSeconds(5), () -> master.workerCount() == 1);
        master.start(2, 100);
        await("requests and exceptions merged", Duration.ofSeconds(10), () -> {
            var snap = menv.stats().snapshot();
            // a report's entries are merged before its stats_total: wait for both, as a snapshot may fall between
            return snap.entries().stream().anyMatch(e -> e.name().equals("/get") && e.numRequests() > 5)
                    && snap.total().numRequests() > 5 && !snap.exceptions().isEmpty();
        });
        var snap = menv.stats().snapshot();
        var ex = snap.exceptions().get(0);
        assertThat(ex.message()).isEqualTo("boom");
        assertThat(ex.nodes()).containsExactly(id);
        assertThat(ex.traceback()).contains("Crasher.boom");
        assertThat(master.userClassesCount()).isEqualTo(Map.of("Crasher", 1, "Requester", 1));
    }

    @Test
    void awaitWorkersWaitsForTheExpectedCountOrGivesUp() throws Exception {
        MasterRunner lonely = s.master(dev.locustj.runners.MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0).withExpectWorkers(2, Duration.ofMillis(300)));
        assertThat(lonely.awaitWorkers()).isFalse();
        MasterRunner master = s.master(dev.locustj.runners.MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0).withExpectWorkers(1, Duration.ZERO));
        s.worker(master.port(), "h_" + "d".repeat(32));
        assertThat(master.awaitWorkers()).isTrue();
    }

    /** 3 users for a second, then 1, then the end. */
    public static class TwoSteps extends dev.locustj.core.LoadTestShape {
        @Override
        public Optional<Tick> tick() {
            double t = runTime();
            return t < 1 ? Optional.of(Tick.of(3, 100)) : t < 2 ? Optional.of(Tick.of(1, 100)) : Optional.empty();
        }
    }

    @Test
    void aLoadShapeDrivesTheWorkersFromTheMaster() throws Exception {
        var menv = (dev.locustj.core.internal.DefaultEnvironment) dev.locustj.core.Environment.builder()
                .userClasses(DistributedTestSupport.Alpha.class).shapeClass(TwoSteps.class)
                .options(Map.of("headless", "false")).build();
        MasterRunner master = s.master(menv);
        WorkerRunner w = s.worker(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class), master.port(),
                "h_" + "e".repeat(32));
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("1 worker", Duration.ofSeconds(5), () -> master.workerCount() == 1);
        master.startShape();
        await("3 users", Duration.ofSeconds(5), () -> w.userCount() == 3);
        await("1 user", Duration.ofSeconds(5), () -> w.userCount() == 1);
        await("stopped by the shape", Duration.ofSeconds(10), () -> master.state() == RunnerState.STOPPED
                && w.userCount() == 0);
    }

    @Test
    void customMessagesTravelBothWays() throws Exception {
        MasterRunner master = s.master();
        List<Object> atMaster = new CopyOnWriteArrayList<>();
        List<Object> atWorker = new CopyOnWriteArrayList<>();
        master.registerMessage("to_master", (env, m) -> atMaster.add(m.nodeId() + ":" + m.data().orElse("nil")));
        WorkerRunner w = s.worker(master.port(), "h_" + "a".repeat(32));
        w.registerMessage("to_worker", (env, m) -> atWorker.add(m.data().orElse("nil")));
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        w.sendMessage("to_master", Optional.of(Map.of("n", 1)));
        master.sendMessage("to_worker", Optional.of(List.of("x", 2.5)));
        master.sendMessage("to_worker", Optional.empty(), w.nodeId());
        await("messages", Duration.ofSeconds(5), () -> atMaster.size() == 1 && atWorker.size() == 2);
        assertThat(atMaster).containsExactly("h_" + "a".repeat(32) + ":{n=1}");
        assertThat(atWorker).containsExactly(List.of("x", 2.5), "nil");
    }

    @Test
    void aKilledWorkerGoesMissingAndTheRestKeepTheTest() throws Exception {
        MasterRunner master = s.master();
        WorkerRunner w1 = s.worker(master.port(), "hostA_" + "1".repeat(32));
        WorkerRunner w2 = s.worker(master.port(), "hostB_" + "2".repeat(32));
        assertThat(w1.awaitConnected(Duration.ofSeconds(10)) && w2.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("2 workers", Duration.ofSeconds(5), () -> master.workerCount() == 2);
        master.start(4, 100);
        await("4 users", Duration.ofSeconds(10), () -> master.userCount() == 4);

        w2.kill();
        await("missing", Duration.ofSeconds(5),
                () -> "missing".equals(master.workerStates().get("hostB_" + "2".repeat(32))));
        assertThat(master.userCount()).isEqualTo(w1.userCount()).isEqualTo(2);
        assertThat(master.state()).isIn(RunnerState.RUNNING, RunnerState.SPAWNING);
        // after the delete ticks the worker is gone and its users are re-dispatched to the rest
        await("deleted and re-dispatched", Duration.ofSeconds(10),
                () -> !master.workerStates().containsKey("hostB_" + "2".repeat(32)) && w1.userCount() == 4);
    }

    @Test
    void aSilentWorkerGoesMissingAndSelfHealsWhenItsHeartbeatsReturn() throws Exception {
        MasterRunner master = s.master();
        String b = "hostB_" + "2".repeat(32);
        WorkerRunner w1 = s.worker(master.port(), "hostA_" + "1".repeat(32));
        WorkerRunner w2 = s.worker(master.port(), b);
        assertThat(w1.awaitConnected(Duration.ofSeconds(10)) && w2.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("2 workers", Duration.ofSeconds(5), () -> master.workerCount() == 2);
        master.start(4, 100);
        await("4 users", Duration.ofSeconds(10), () -> master.userCount() == 4 && w2.userCount() == 2);
        w2.pauseHeartbeats(true);
        await("missing", Duration.ofSeconds(5), () -> "missing".equals(master.workerStates().get(b)));
        w2.pauseHeartbeats(false);
        await("self-healed and re-dispatched", Duration.ofSeconds(10), () -> "running".equals(
                master.workerStates().get(b)) && master.userCount() == 4 && w1.userCount() == 2
                && w2.userCount() == 2);
    }

    @Test
    void aWorkerQuitsNonZeroWhenTheMastersHeartbeatsStop() throws Exception {
        MasterRunner master = s.master();
        WorkerRunner w = s.worker(master.port(), "h_" + "b".repeat(32));
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        Thread.sleep(300); // a few master heartbeats arm the watchdog
        master.kill();
        assertThat(w.await(Duration.ofSeconds(10))).isTrue();
        assertThat(w.environment().processExitCode()).hasValue(1);
    }

    @Test
    void aWorkerWithoutMasterGivesUpWithMinusOne() throws Exception {
        int port;
        try (var sock = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = sock.getLocalPort();
        }
        WorkerRunner w = new WorkerRunner(DistributedTestSupport.env(Map.of()),
                dev.locustj.runners.WorkerOptions.defaults().withMaster("127.0.0.1", port)
                        .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(100), 3,
                                Duration.ofSeconds(1)));
        assertThat(w.await(Duration.ofSeconds(10))).isTrue();
        assertThat(w.environment().processExitCode()).hasValue(-1);
    }
}
