package dev.locustj.runners.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.locustj.runners.internal.RawPeers.send;
import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The master's and worker's log lines at the newest Locust's levels, the events around them, and re-adoption. */
@Timeout(60)
class MasterLogsAndEventsTest {

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ZContext ctx = new ZContext();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger runnersLog = (Logger) LoggerFactory.getLogger("locust.runners");
    private Level level;

    @BeforeEach
    void setUp() {
        logs.start();
        level = runnersLog.getLevel();
        runnersLog.setLevel(Level.DEBUG);
        runnersLog.addAppender(logs);
    }

    @AfterEach
    void tearDown() throws Exception {
        runnersLog.detachAppender(logs);
        runnersLog.setLevel(level);
        s.close();
        ctx.close();
    }

    private List<ILoggingEvent> lines(String text) {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
    }

    private ZMQ.Socket registered(MasterRunner master, String id, Object version) {
        return new RawPeers(ctx, master.port()).registered(id, version);
    }

    @Test
    void versionMismatchWarnsAndADuplicateReadyIsDebug() throws Exception {
        MasterRunner master = s.master();
        ZMQ.Socket w = registered(master, "newer_1", "2.43.1");
        assertThat(lines("A worker (newer_1) running a different version (2.43.1) connected, master version is "
                + MasterRunner.MASTER_VERSION)).singleElement().extracting(ILoggingEvent::getLevel)
                .isEqualTo(Level.WARN);
        send(w, "client_ready", "2.43.1", "newer_1");
        await("the duplicate", Duration.ofSeconds(5), () -> !lines("(duplicate message)").isEmpty());
        assertThat(lines("newer_1 (index 0) reported as ready. 1 workers connected.")).singleElement()
                .extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
        assertThat(lines("newer_1 (index 0) reported as ready (duplicate message). 1 workers connected."))
                .singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.DEBUG);
        w.close();
    }

    @Test
    void aHotWorkerIsWarnedAboutOnceAndTheStopPrintsNoWorkerCpuSummary() throws Exception {
        MasterRunner master = s.master();
        List<String> connected = new CopyOnWriteArrayList<>();
        master.environment().events().workerConnect().add(e -> connected.add(e.clientId()));
        ZMQ.Socket w = registered(master, "hot_1", -1L);
        await("worker_connect", Duration.ofSeconds(5), () -> !connected.isEmpty());
        assertThat(connected).containsExactly("hot_1");
        for (int i = 0; i < 3; i++) {
            send(w, "heartbeat", Map.of("state", "ready", "current_cpu_usage", 95.0, "current_memory_usage", 1L),
                    "hot_1");
        }
        await("the cpu warning", Duration.ofSeconds(5), () -> master.workerCpuWarningEmitted());
        master.start(1, 10);
        master.stop();
        Thread.sleep(200);
        assertThat(lines("Worker hot_1 (index 0) exceeded cpu threshold (will only log this once per worker)"))
                .singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.WARN);
        assertThat(lines("CPU usage threshold was exceeded on workers")).isEmpty();
        w.close();
    }

    @Test
    void theLastWorkerQuittingIsLoggedAlsoWhileTheMasterQuits() throws Exception {
        MasterRunner master = s.master();
        WorkerRunner w = s.worker(master.port(), "quitter_1");
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        master.quit();
        assertThat(w.await(Duration.ofSeconds(10))).isTrue();
        assertThat(lines("The last worker quit, stopping test.")).hasSize(1);
    }

    @Test
    void reportToMasterCarriesListenerDataIntoTheMastersWorkerReport() throws Exception {
        MasterRunner master = s.master();
        List<Object> seen = new CopyOnWriteArrayList<>();
        master.environment().events().workerReport().add(e -> {
            if (e.data().containsKey("custom")) {
                seen.add(e.data().get("custom"));
            }
        });
        DefaultEnvironment wenv = DistributedTestSupport.env(Map.of());
        wenv.events().reportToMaster().add(e -> e.data().put("custom", "from " + e.clientId()));
        WorkerRunner w = s.worker(wenv, master.port(), "reporter_1");
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("a report with the listener's data", Duration.ofSeconds(5), () -> !seen.isEmpty());
        assertThat(seen.get(0)).isEqualTo("from reporter_1");
    }

    @Test
    void aWorkerStartedBeforeItsMasterRetriesQuietly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WorkerOptions o = WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(200), 100,
                        Duration.ofSeconds(10))
                .withNodeId("early_1");
        WorkerRunner w = new WorkerRunner(DistributedTestSupport.env(Map.of()), o);
        s.closeLater(w::kill);
        await("two retries", Duration.ofSeconds(10), () -> lines("Failed to connect to master").size() >= 2);
        assertThat(lines("Failed to connect to master")).allMatch(e -> e.getLevel() == Level.DEBUG);
        assertThat(lines("Failed to connect to master").get(0).getFormattedMessage())
                .isEqualTo("Failed to connect to master 127.0.0.1:" + port + ", retry 1/100.");
    }

    @Test
    void aRestartedMasterTakesBackTheWorkersThatKeepHeartbeating() throws Exception {
        MasterRunner first = s.master();
        int port = first.port();
        WorkerOptions o = WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(20))
                .withNodeId("orphan_1");
        WorkerRunner w = new WorkerRunner(DistributedTestSupport.env(Map.of()), o);
        s.closeLater(w::kill);
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        first.kill(); // the master dies without a word
        MasterRunner second = null;
        for (int attempt = 0; second == null; attempt++) {
            try {
                second = s.master(MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(port)
                        .withHeartbeat(Duration.ofMillis(100), 3, 20));
            } catch (dev.locustj.core.ConfigurationException busy) {
                assertThat(attempt).as("the port comes free").isLessThan(50);
                Thread.sleep(100);
            }
        }
        MasterRunner restarted = second;
        await("the orphan registered with the new master", Duration.ofSeconds(10),
                () -> restarted.workerCount() == 1);
        assertThat(restarted.workerStates()).containsKey("orphan_1");
        restarted.start(1, 100);
        await("the orphan runs the new master's user", Duration.ofSeconds(10), () -> w.userCount() == 1);
        assertThat(w.state()).isNotEqualTo(dev.locustj.core.RunnerState.STOPPED);
    }

}
