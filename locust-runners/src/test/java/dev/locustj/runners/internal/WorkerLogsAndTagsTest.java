package dev.locustj.runners.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Tag;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.spi.LogCapture;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Worker {@code logs} messages (DIST-10) and the master's tags applied by a Java worker (LF-58), over loopback. */
@Timeout(60)
class WorkerLogsAndTagsTest {

    private static final Logger USER_LOG = LoggerFactory.getLogger("locustfile");
    private static final AtomicInteger A_RUNS = new AtomicInteger();
    private static final AtomicInteger B_RUNS = new AtomicInteger();

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    /** Two tagged tasks; the worker's own environment has no tag filter. */
    public static class Tagged extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.01); }
        @Task @Tag("a") public void a() { A_RUNS.incrementAndGet(); }
        @Task @Tag("b") public void b() { B_RUNS.incrementAndGet(); }
    }

    private WorkerRunner worker(DefaultEnvironment env, int port, String id) {
        WorkerOptions o = WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(1))
                .withNodeId(id).withLogsInterval(Duration.ofMillis(200));
        return new WorkerRunner(env, o);
    }

    private static boolean masterHasLine(MasterRunner master, String id, String marker) {
        return DistributedRunners.workerLogs(master).getOrDefault(id, List.of()).stream()
                .anyMatch(l -> l.contains(marker));
    }

    @Test
    void aJavaWorkerSendsItsLogLinesAndStopsAfterABurstOfMoreThan70() throws Exception {
        MasterRunner master = s.master(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class));
        String id = "h_" + "f".repeat(32);
        WorkerRunner w = worker(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class), master.port(), id);
        try {
            assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
            master.start(1, 100); // its spawning_complete shows the master takes logs (>= 2.29)
            await("1 user", Duration.ofSeconds(10), () -> w.userCount() == 1);
            USER_LOG.info("first marker line");
            await("the line reached the master", Duration.ofSeconds(5),
                    () -> masterHasLine(master, id, "INFO/locustfile: first marker line"));
            assertThat(DistributedRunners.workerLogs(master).get(id)).hasSizeLessThanOrEqualTo(500)
                    .allMatch(l -> l.startsWith("["));

            for (int i = 0; i < 200; i++) { // more than 70 new lines in one interval: the worker stops sending
                USER_LOG.info("burst {}", i);
            }
            await("the last send, with the warning", Duration.ofSeconds(5),
                    () -> masterHasLine(master, id, "Further log sending was disabled for this worker."));
            USER_LOG.info("after the burst");
            Thread.sleep(800); // four intervals
            assertThat(masterHasLine(master, id, "after the burst")).isFalse();
        } finally {
            w.kill();
        }
    }

    @Test
    void aQuietWorkersLinesFromBeforeAnyTestReachTheMaster() throws Exception {
        MasterRunner master = s.master(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class));
        String id = "h_" + "e".repeat(32);
        LogCapture.install();
        USER_LOG.info("written before the worker connected");
        WorkerRunner w = worker(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class), master.port(), id);
        try {
            assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
            // no test started, nothing else logged: the buffer still goes out on the first tick, as Locust's does
            await("the early line reached the master", Duration.ofSeconds(5),
                    () -> masterHasLine(master, id, "written before the worker connected"));
        } finally {
            w.kill();
        }
    }

    @Test
    void linesKeptForAMasterNotYetKnownToTakeLogsGoOutAfterItsFirstSpawn() throws Exception {
        MasterRunner master = s.master(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class));
        String id = "h_" + "d".repeat(32);
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var userLogger = (ch.qos.logback.classic.Logger) USER_LOG;
        var rootLevel = root.getLevel();
        WorkerRunner w = worker(DistributedTestSupport.envWith(DistributedTestSupport.Alpha.class), master.port(), id);
        try {
            assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
            w.forgetThatTheMasterTakesLogs(); // as with a Python master, whose ack says nothing about logs
            // the master shares this JVM's log buffer: keep its lines out, so that only the kept line is new
            root.setLevel(ch.qos.logback.classic.Level.WARN);
            userLogger.setLevel(ch.qos.logback.classic.Level.INFO);
            USER_LOG.info("written before the first spawn");
            Thread.sleep(600); // three intervals: kept, not sent
            assertThat(masterHasLine(master, id, "written before the first spawn")).isFalse();
            master.start(1, 100); // spawning_complete: a master >= 2.29
            await("the kept line reached the master", Duration.ofSeconds(5),
                    () -> masterHasLine(master, id, "written before the first spawn"));
        } finally {
            root.setLevel(rootLevel);
            userLogger.setLevel(null);
            w.kill();
        }
    }

    @Test
    void aJavaWorkerAppliesTheTagsOfTheSpawnMessage() throws Exception {
        runWithMasterFilter(List.of("a"), List.of());
        assertThat(A_RUNS.get()).isGreaterThan(3);
        assertThat(B_RUNS.get()).isZero();
    }

    @Test
    void aJavaWorkerAppliesTheExcludeTagsOfTheSpawnMessage() throws Exception {
        runWithMasterFilter(List.of(), List.of("a"));
        assertThat(B_RUNS.get()).isGreaterThan(3);
        assertThat(A_RUNS.get()).isZero();
    }

    private void runWithMasterFilter(List<String> tags, List<String> excludeTags) throws Exception {
        var menv = (DefaultEnvironment) Environment.builder().userClasses(Tagged.class).tags(tags)
                .excludeTags(excludeTags).options(Map.of("headless", "false")).build();
        MasterRunner master = s.master(menv);
        DefaultEnvironment wenv = DistributedTestSupport.envWith(Tagged.class);
        assertThat(wenv.taskModel(Tagged.class).isEmpty()).isFalse();
        WorkerRunner w = s.worker(wenv, master.port(), "h_" + "9".repeat(32));
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        A_RUNS.set(0);
        B_RUNS.set(0);
        master.start(1, 100);
        await("the user ran", Duration.ofSeconds(10), () -> A_RUNS.get() + B_RUNS.get() > 10);
        master.stop();
        assertThat(wenv.tags()).containsExactlyElementsOf(tags);
        assertThat(wenv.excludeTags()).containsExactlyElementsOf(excludeTags);
    }
}
