package dev.locustj.runners.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.locustj.runners.internal.RawPeers.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Peers that speak ZMTP but not as workers do: they must neither crash the master nor change its results. */
@Timeout(60)
class HostilePeersTest {

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ZContext ctx = new ZContext();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MasterRunner master;

    @BeforeEach
    void setUp() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("locust.runners")).addAppender(logs);
        master = s.master(DistributedTestSupport.envWith(DistributedTestSupport.Requester.class));
    }

    @AfterEach
    void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger("locust.runners")).detachAppender(logs);
        s.close();
        ctx.close();
    }

    /**
     * A ZMTP 3.0 peer (NULL mechanism, as a DEALER) whose first message frame announces {@code size} bytes and then
     * sends only a few: about 100 bytes on the wire.
     */
    private static byte[] hugeFrameAnnouncement(long size) {
        return hugeFrameAnnouncement(size, "DEALER");
    }

    private static byte[] hugeFrameAnnouncement(long size, String socketType) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xff);
        b.writeBytes(new byte[8]);
        b.write(0x7f); // signature
        b.write(3);
        b.write(0); // version 3.0
        byte[] mechanism = new byte[20];
        System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, mechanism, 0, 4);
        b.writeBytes(mechanism);
        b.write(0); // as-server
        b.writeBytes(new byte[31]); // filler
        ByteArrayOutputStream ready = new ByteArrayOutputStream();
        ready.write(5);
        ready.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        ready.write(11);
        ready.writeBytes("Socket-Type".getBytes(StandardCharsets.US_ASCII));
        ready.writeBytes(ByteBuffer.allocate(4).putInt(socketType.length()).array());
        ready.writeBytes(socketType.getBytes(StandardCharsets.US_ASCII));
        b.write(0x04); // a short command
        b.write(ready.size());
        b.writeBytes(ready.toByteArray());
        b.write(0x02); // a long message frame, the last one
        b.writeBytes(ByteBuffer.allocate(8).putLong(size).array());
        b.writeBytes("x".repeat(16).getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    @Test
    void framesAnnouncingGigabytesDontCrashTheMasterWhichStillServesAWorker() throws Exception {
        List<Socket> peers = new ArrayList<>();
        try {
            int sent = 0;
            for (int i = 0; i < 4; i++) {
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), master.port());
                peers.add(peer);
                byte[] bytes = hugeFrameAnnouncement(Integer.MAX_VALUE - 64);
                OutputStream out = peer.getOutputStream();
                out.write(bytes);
                out.flush();
                sent += bytes.length;
            }
            assertThat(sent).as("bytes an attacker sends").isLessThan(500);
            Thread.sleep(500); // the master's I/O thread reads them
            WorkerRunner w = s.worker(DistributedTestSupport.envWith(DistributedTestSupport.Requester.class),
                    master.port(), "w_after_attack");
            assertThat(w.awaitConnected(Duration.ofSeconds(10))).as("a worker still connects").isTrue();
            master.start(2, 100);
            DistributedTestSupport.await("stats from the worker", Duration.ofSeconds(10),
                    () -> master.environment().stats().snapshot().total().numRequests() > 0);
            assertThat(master.hasQuit()).isFalse();
        } finally {
            for (Socket p : peers) {
                p.close();
            }
        }
    }

    /**
     * A frame under the limit but bigger than the direct memory this master's JVM may use: JeroMQ's I/O thread dies
     * with OutOfMemoryError, and the master must end the test with a non-zero exit code instead of running on deaf.
     */
    @Test
    void aDeadIoThreadEndsTheMasterWithANonZeroExitCode() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:MaxDirectMemorySize=16m", "-cp",
                System.getProperty("java.class.path"), MasterInChildJvm.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                }
            }
            assertThat(port).as("the child's port; output: %s", seen).isPositive();
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
                peer.getOutputStream().write(hugeFrameAnnouncement(64L * 1024 * 1024));
                peer.getOutputStream().flush();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the master ends on its own").isTrue();
            }
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
            }
            assertThat(seen.toString()).contains("OutOfMemoryError").contains("QUIT true")
                    .contains("The master lost its connection to the workers");
            assertThat(child.exitValue()).as("exit code; output: %s", seen).isEqualTo(1);
        } finally {
            child.destroyForcibly();
        }
    }

    private ZMQ.Socket raw(String id) {
        return new RawPeers(ctx, master.port()).raw(id);
    }

    private ZMQ.Socket registered(String id) {
        return new RawPeers(ctx, master.port()).registered(id, -1L);
    }

    /** A stats report of {@code n} requests to {@code name}, all failed. */
    private static Map<String, Object> failingReport(String name, int n) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("method", "GET");
        entry.put("last_request_timestamp", 1795371966.2);
        entry.put("start_time", 1795371963.4);
        entry.put("num_requests", n);
        entry.put("num_none_requests", 0);
        entry.put("num_failures", n);
        entry.put("total_response_time", 10.0 * n);
        entry.put("max_response_time", 10.0);
        entry.put("min_response_time", 10.0);
        entry.put("total_content_length", 0);
        entry.put("response_times", Map.of(10L, n));
        entry.put("num_reqs_per_sec", Map.of(1795371963L, n));
        entry.put("num_fail_per_sec", Map.of(1795371963L, n));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", name);
        error.put("method", "GET");
        error.put("error", "boom");
        error.put("occurrences", n);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stats", List.of(entry));
        report.put("stats_total", entry);
        report.put("errors", Map.of("k-" + name, error));
        report.put("user_classes_count", Map.of("Requester", 1));
        report.put("user_count", 1);
        return report;
    }

    private boolean logged(String text) {
        return logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }

    @Test
    void reportsOfPeersThatNeverRegisteredAreDiscardedWhileALeftWorkersLastReportCounts() throws Exception {
        ZMQ.Socket intruder = null;
        for (int attempt = 0; attempt < 5 && !logged("unrecognized worker intruder_1"); attempt++) {
            intruder = raw("intruder_1"); // never sends client_ready
            send(intruder, "stats", failingReport("/intruder", 7), "intruder_1");
            send(intruder, "exception", Map.of("msg", "injected", "traceback", "  File x\n"), "intruder_1");
            send(intruder, "logs", Map.of("worker_id", "intruder_1", "logs", List.of("injected")), "intruder_1");
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (!logged("unrecognized worker intruder_1") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(logged("Discarded report from unrecognized worker intruder_1")).isTrue();
        ZMQ.Socket w = registered("leaver_1");
        send(w, "client_stopped", null, "leaver_1"); // leaves the running workers; its last report still counts
        send(w, "stats", failingReport("/leaver", 3), "leaver_1");
        DistributedTestSupport.await("the leaver's report", Duration.ofSeconds(5), () -> master.environment()
                .stats().snapshot().entries().stream().anyMatch(e -> e.name().equals("/leaver")));
        var snap = master.environment().stats().snapshot();
        assertThat(snap.entries()).extracting(e -> e.name()).doesNotContain("/intruder");
        assertThat(snap.total().numRequests()).isEqualTo(3);
        assertThat(snap.errors()).noneMatch(e -> e.name().equals("/intruder"));
        assertThat(snap.exceptions()).isEmpty();
        assertThat(master.workerLogs()).doesNotContainKey("intruder_1");
        assertThat(master.userCount()).isZero();
        intruder.close();
        w.close();
    }

    /** A "master" that answers a worker's connection with a frame too big for the worker's direct memory. */
    @Test
    void aWorkerWhoseIoThreadDiesQuitsWithExitCode1() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fake.setSoTimeout(20_000);
            Process child = new ProcessBuilder(java.toString(), "-XX:MaxDirectMemorySize=16m", "-cp",
                    System.getProperty("java.class.path"), WorkerInChildJvm.class.getName(),
                    String.valueOf(fake.getLocalPort())).redirectErrorStream(true).start();
            try (Socket worker = fake.accept()) {
                worker.getOutputStream().write(hugeFrameAnnouncement(64L * 1024 * 1024, "ROUTER"));
                worker.getOutputStream().flush();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the worker ends on its own").isTrue();
                String seen = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(seen).contains("OutOfMemoryError").contains("QUIT true")
                        .contains("The worker lost its connection to the master");
                assertThat(child.exitValue()).as("exit code; output: %s", seen).isEqualTo(1);
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
