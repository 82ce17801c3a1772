package dev.locustj.runners.internal.transport;

import dev.locustj.core.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The socket thread: it doesn't spin while idle, and still sends what other threads queue (loopback only). */
class ZmqChannelTest {

    @Test
    void anIdleChannelWakesAtMostEveryPollInterval() throws Exception {
        try (ZmqChannel router = ZmqChannel.router("127.0.0.1", 0, in -> { })) {
            Thread.sleep(200); // started
            long before = router.loopCount();
            Thread.sleep(1000);
            long wakeUps = router.loopCount() - before;
            // an upper bound only (a slow machine wakes less often, never more). Each wake-up costs tens of
            // microseconds in JeroMQ: 5 ms polls (200 per second) were ~0.5 % of a core on every idle node
            assertThat(wakeUps).isLessThanOrEqualTo(30);
        }
    }

    @Test
    void messagesQueuedByOtherThreadsGoOutWhileIdle() throws Exception {
        LinkedBlockingQueue<Inbound> atRouter = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Inbound> atDealer = new LinkedBlockingQueue<>();
        try (ZmqChannel router = ZmqChannel.router("127.0.0.1", 0, atRouter::add);
             ZmqChannel dealer = ZmqChannel.dealer("127.0.0.1", router.port(), "bench_1", atDealer::add)) {
            Inbound hello = null;
            for (int attempt = 0; attempt < 5 && hello == null; attempt++) {
                if (attempt > 0) {
                    dealer.reconnect(); // JeroMQ: a fresh DEALER now and then never gets through (docs/distributed.md)
                }
                dealer.send("", "hello".getBytes(StandardCharsets.UTF_8));
                hello = atRouter.poll(2, TimeUnit.SECONDS);
            }
            assertThat(hello).isNotNull();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(120); // both I/O threads idle in a receive
                dealer.send("", ("ping" + i).getBytes(StandardCharsets.UTF_8));
                Inbound ping = atRouter.poll(10, TimeUnit.SECONDS);
                assertThat(ping).isNotNull();
                assertThat(ping.identityString()).isEqualTo("bench_1");
                assertThat(new String(ping.payload(), StandardCharsets.UTF_8)).isEqualTo("ping" + i);
                Thread.sleep(120);
                router.send("bench_1", ("pong" + i).getBytes(StandardCharsets.UTF_8));
                Inbound pong = atDealer.poll(10, TimeUnit.SECONDS);
                assertThat(pong).isNotNull();
                assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("pong" + i);
            }
        }
    }

    @Test
    void aBusyPortIsReportedWithTheErrorNameNotABsdErrno() throws Exception { // like Locust's RPCError text
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> ZmqChannel.router("127.0.0.1", busy.getLocalPort(), in -> { }).close())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("The Locust master port (127.0.0.1:" + busy.getLocalPort() + ") was busy. Close any "
                            + "applications using that port - perhaps an old instance of Locust master is still "
                            + "running? (Socket bind failure: Address already in use)");
        }
    }
}
