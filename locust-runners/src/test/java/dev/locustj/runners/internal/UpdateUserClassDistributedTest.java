package dev.locustj.runners.internal;

import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.WaitTime;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DIST-11: {@code update_user_class} from the master to the workers over real JeroMQ sockets on loopback. A Java
 * worker applies it; workers older than Locust 2.25 never get it.
 */
@Timeout(60)
class UpdateUserClassDistributedTest {

    private static final AtomicInteger READS = new AtomicInteger();
    private static final AtomicInteger WRITES = new AtomicInteger();

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final ZContext ctx = new ZContext();

    /** Two tasks; the test narrows the list to one while users run on the worker. */
    public static class Store extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.01); }
        @Task public void read() { READS.incrementAndGet(); }
        @Task public void write() { WRITES.incrementAndGet(); }
    }

    @BeforeEach
    void reset() {
        READS.set(0);
        WRITES.set(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        s.close();
        ctx.close();
    }

    @Test
    void theMastersUpdateChangesWhatTheJavaWorkerRuns() throws Exception {
        DefaultEnvironment menv = DistributedTestSupport.envWith(Store.class, DistributedTestSupport.Alpha.class);
        MasterRunner master = s.master(menv);
        DefaultEnvironment wenv = DistributedTestSupport.envWith(Store.class, DistributedTestSupport.Alpha.class);
        WorkerRunner worker = s.worker(wenv, master.port(), "u_" + "1".repeat(32));
        assertThat(worker.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("the worker is ready", Duration.ofSeconds(10), () -> master.workerCount() == 1);

        menv.updateUserClass(UserClassSettings.of("Store").withWeight(3));
        await("the worker applied the weight", Duration.ofSeconds(10), () -> wenv.weight(Store.class) == 3);
        master.start(4, 100);
        await("3 Store users and 1 Alpha user", Duration.ofSeconds(10),
                () -> worker.userClassesCount().equals(Map.of("Alpha", 1, "Store", 3)));
        await("both tasks ran", Duration.ofSeconds(10), () -> READS.get() > 5 && WRITES.get() > 5);

        menv.updateUserClass(UserClassSettings.of("Store").withTasks(List.of("write")));
        await("the worker applied the tasks", Duration.ofSeconds(10),
                () -> wenv.taskModel(Store.class).tasks().size() == 1);
        int settled = WRITES.get();
        await("tasks running during the update ended", Duration.ofSeconds(10), () -> WRITES.get() > settled + 10);
        READS.set(0);
        int base = WRITES.get();
        await("more writes", Duration.ofSeconds(10), () -> WRITES.get() > base + 60);
        assertThat(READS.get()).as("reads after the update").isZero();
        assertThat(worker.userCount()).isEqualTo(4); // the running users changed, none was respawned
        master.stop();
    }

    @Test
    void workersOlderThan225NeverGetIt() throws Exception {
        DefaultEnvironment menv = DistributedTestSupport.env(Map.of("headless", "false"));
        MasterRunner master = s.master(menv);
        ZMQ.Socket old = register(master, "old_2_12", "2.12.1");
        ZMQ.Socket blank = register(master, "blank_ver", "");
        ZMQ.Socket modern = register(master, "modern_2_25", "2.25.0");
        ZMQ.Socket java = register(master, "java_wkr", -1L);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("user_class_name", "Beta");
        settings.put("weight", 5);
        settings.put("tasks", List.of("work"));

        menv.updateUserClass(settings);

        for (ZMQ.Socket sock : List.of(modern, java)) {
            WireMessage m = nextOfType(sock, "update_user_class", 5000);
            assertThat(m).as("update_user_class to a modern worker").isNotNull();
            assertThat(m.data()).isEqualTo(Map.of("user_class_name", "Beta", "weight", 5L, "tasks", List.of("work")));
        }
        for (ZMQ.Socket sock : List.of(old, blank)) {
            assertThat(nextOfType(sock, "update_user_class", 700)).as("update_user_class to an old worker").isNull();
        }
    }

    @Test
    void aJavaWorkerSkipsSettingsItDoesNotKnowFromANewerMaster() throws Exception {
        ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setReceiveTimeOut(5000);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        DefaultEnvironment wenv = DistributedTestSupport.envWith(Store.class);
        String id = "n_" + "2".repeat(32);
        WorkerRunner worker = s.worker(wenv, port, id);
        byte[] identity = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (identity == null && System.nanoTime() < deadline) {
            byte[] who = router.recv(0);
            byte[] payload = router.recv(0);
            if (who != null && payload != null && decode(payload).type().equals("client_ready")) {
                identity = who;
            }
        }
        assertThat(identity).as("client_ready from the worker").isNotNull();
        routerSend(router, identity, new WireMessage("ack", Map.of("index", 0L), id));
        assertThat(worker.awaitConnected(Duration.ofSeconds(10))).isTrue();

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("user_class_name", "Store");
        settings.put("weight", 4L);
        settings.put("tasks", List.of("read"));
        settings.put("some_future_attribute", "x");
        routerSend(router, identity, new WireMessage("update_user_class", settings, id));
        await("the worker applied the known settings", Duration.ofSeconds(10), () -> wenv.weight(Store.class) == 4);
        assertThat(wenv.userClassSettings("Store").tasks()).contains(List.of("read"));

        // an unknown class is logged on the worker and changes nothing
        routerSend(router, identity, new WireMessage("update_user_class",
                Map.of("user_class_name", "Nope", "weight", 9L), id));
        routerSend(router, identity, new WireMessage("update_user_class",
                Map.of("user_class_name", "Store", "weight", 6L), id));
        await("later updates still apply", Duration.ofSeconds(10), () -> wenv.weight(Store.class) == 6);
        router.close();
    }

    // ---- a raw DEALER acting as a worker, as in MasterRobustnessTest ------------------------------------------

    private ZMQ.Socket register(MasterRunner master, String id, Object version) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ZMQ.Socket sock = ctx.createSocket(SocketType.DEALER);
            sock.setIdentity(id.getBytes(StandardCharsets.UTF_8));
            sock.setLinger(0);
            sock.setReceiveTimeOut(1000);
            sock.connect("tcp://127.0.0.1:" + master.port());
            sock.send(MsgpackCodec.encode(new WireMessage("client_ready", version, id)), 0);
            byte[] b = sock.recv(0);
            if (b != null && decode(b).type().equals("ack")) {
                return sock;
            }
            sock.close();
        }
        throw new AssertionError("the master never acknowledged " + id);
    }

    /** The next message of this type within the time, skipping others (heartbeats...); null if none came. */
    private static WireMessage nextOfType(ZMQ.Socket sock, String type, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            sock.setReceiveTimeOut((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            byte[] b = sock.recv(0);
            if (b == null) {
                break;
            }
            WireMessage m = decode(b);
            if (m.type().equals(type)) {
                return m;
            }
        }
        return null;
    }

    private static WireMessage decode(byte[] b) {
        DecodeResult r = MsgpackCodec.decode(b);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    private static void routerSend(ZMQ.Socket router, byte[] identity, WireMessage m) {
        router.sendMore(identity);
        router.send(MsgpackCodec.encode(m), 0);
    }
}
