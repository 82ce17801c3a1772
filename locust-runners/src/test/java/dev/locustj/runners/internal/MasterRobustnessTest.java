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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.locustj.runners.internal.RawPeers.send;
import static dev.locustj.runners.internal.RawPeers.receive;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never stops the master's receive loop (DIST-18, DIST-19; robustness). */
@Timeout(60)
class MasterRobustnessTest {

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ZContext ctx = new ZContext();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MasterRunner master;

    @BeforeEach
    void setUp() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("locust.runners")).addAppender(logs);
        master = s.master();
    }

    @AfterEach
    void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger("locust.runners")).detachAppender(logs);
        s.close();
        ctx.close();
    }

    private ZMQ.Socket raw(String id) {
        ZMQ.Socket sock = new RawPeers(ctx, master.port()).raw(id);
        sock.setReceiveTimeOut(5000);
        return sock;
    }

    private ZMQ.Socket exchange(String id, String type, Object data, String expectedReply) {
        return new RawPeers(ctx, master.port()).exchange(id, type, data, expectedReply);
    }

    private ZMQ.Socket registered(String id, Object version) {
        return exchange(id, "client_ready", version, "ack");
    }

    private void assertAliveWith(String id) {
        registered(id, -1L);
    }

    private long warningsMentioning(String text) {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
    }

    private static void sendGarbage(ZMQ.Socket junk) {
        for (int i = 0; i < 20; i++) {
            junk.send("not msgpack at all".getBytes(StandardCharsets.UTF_8), 0);
        }
        junk.sendMore("two".getBytes(StandardCharsets.UTF_8)); // three frames on the ROUTER side
        junk.send("frames".getBytes(StandardCharsets.UTF_8), 0);
        junk.send(new byte[]{(byte) 0x93, (byte) 0xa4}, 0); // truncated
    }

    @Test
    void garbageFromUnknownSendersIsLoggedOnceAndTheLoopGoesOn() throws Exception {
        ZMQ.Socket junk = null;
        for (int attempt = 0; attempt < 3 && warningsMentioning("junk_1") == 0; attempt++) {
            junk = raw("junk_1"); // a fresh socket per attempt (JeroMQ connect quirk, see WorkerRunner)
            sendGarbage(junk);
            long deadline = System.nanoTime() + 1_500_000_000L;
            while (warningsMentioning("junk_1") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(warningsMentioning("junk_1")).isEqualTo(1);
        sendGarbage(junk);
        assertAliveWith("ok_1");
        Thread.sleep(300);
        assertThat(warningsMentioning("junk_1")).as("logged once per sender").isEqualTo(1);
    }

    @Test
    void aKnownWorkersCorruptMessageEarnsReconnect() {
        ZMQ.Socket w = registered("known_1", "2.12.1");
        w.send(new byte[]{(byte) 0xc1, 1, 2, 3}, 0);
        assertThat(receive(w).type()).isEqualTo("reconnect");
        assertAliveWith("ok_2");
    }

    @Test
    void anUnknownWorkerSpawningIsToldToQuit() {
        exchange("stranger_1", "spawning", null, "quit");
        assertAliveWith("ok_3");
    }

    @Test
    void unknownTypesAndTruncatedStatsAreLoggedAndGoodStatsStillMerge() throws Exception {
        ZMQ.Socket w = registered("known_2", -1L);
        for (int i = 0; i < 5; i++) {
            send(w, "no_such_type", Map.of("x", i), "known_2");
        }
        send(w, "stats", Map.of("stats", List.of()), "known_2"); // no stats_total, errors
        send(w, "stats", Map.of("stats", "nope", "stats_total", 3, "errors", List.of()), "known_2");
        send(w, "stats", "not a map", "known_2");
        send(w, "heartbeat", List.of(), "known_2");
        send(w, "exception", Map.of("msg", 1), "known_2");
        send(w, "spawning_complete", "bad", "known_2");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "/ok");
        entry.put("method", "GET");
        entry.put("last_request_timestamp", 1795371966.2);
        entry.put("start_time", 1795371963.4);
        entry.put("num_requests", 4);
        entry.put("num_none_requests", 0);
        entry.put("num_failures", 1);
        entry.put("total_response_time", 16118.5);
        entry.put("max_response_time", 15678.9);
        entry.put("min_response_time", 145);
        entry.put("total_content_length", 492);
        entry.put("response_times", Map.of(150.0, 2, 140L, 1, 16000.0, 1));
        entry.put("num_reqs_per_sec", Map.of(1795371963L, 4));
        entry.put("num_fail_per_sec", Map.of(1795371963L, 1));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stats", List.of(entry));
        report.put("stats_total", entry);
        report.put("errors", Map.of());
        report.put("user_classes_count", Map.of("Alpha", 0));
        report.put("user_count", 0);
        send(w, "stats", report, "known_2");
        DistributedTestSupport.await("merged stats", Duration.ofSeconds(5), () -> master.environment().stats()
                .snapshot().entries().stream().anyMatch(e -> e.name().equals("/ok") && e.numRequests() == 4));
        assertAliveWith("ok_4");
        assertThat(warningsMentioning("no_such_type")).isEqualTo(1);
    }

    @Test
    void thousandsOfFuzzedFramesFromAKnownWorkerDontStopTheMaster() throws Exception {
        ZMQ.Socket w = registered("fuzzer_1", -1L);
        List<byte[]> seeds = new ArrayList<>(
                dev.locustj.runners.internal.protocol.MsgpackCodecTest.reference().values().stream()
                        .filter(b -> b.length < 2048).toList());
        Random rnd = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            w.send(dev.locustj.runners.internal.protocol.MsgpackCodecFuzzTest.mutate(seed, rnd), 0);
        }
        assertAliveWith("ok_5");
        assertThat(master.hasQuit()).isFalse();
    }
}
