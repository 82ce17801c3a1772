package dev.locustj.runners.internal;

import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A master bound to {@code *} (dual stack, as Locust ≥2.20.1) with one worker over IPv6 loopback ({@code ::1}) and one
 * over IPv4 loopback: both get users and their stats reach the master. Skipped without IPv6 loopback.
 */
@Timeout(60)
class Ipv6MasterWorkerTest {

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket sock = new ServerSocket()) {
            sock.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private WorkerRunner worker(String host, int port, String id) {
        WorkerOptions o = WorkerOptions.defaults().withMaster(host, port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(1))
                .withNodeId(id);
        WorkerRunner w = new WorkerRunner(DistributedTestSupport.envWith(DistributedTestSupport.Requester.class), o);
        s.closeLater(w::kill);
        return w;
    }

    @Test
    void workersConnectOverIpv6AndIpv4ToAStarMaster() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1)");
        var menv = DistributedTestSupport.envWith(DistributedTestSupport.Requester.class);
        MasterRunner master = s.master(menv, MasterOptions.defaults().withBindHost("*").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 3, 20));
        WorkerRunner six = worker("::1", master.port(), "six_" + "6".repeat(32));
        WorkerRunner four = worker("127.0.0.1", master.port(), "four_" + "4".repeat(32));
        assertThat(six.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(four.awaitConnected(Duration.ofSeconds(10))).isTrue();
        await("2 workers", Duration.ofSeconds(5), () -> master.workerCount() == 2);
        master.start(2, 100);
        await("1 user each", Duration.ofSeconds(10), () -> six.userCount() == 1 && four.userCount() == 1);
        await("stats of both merged", Duration.ofSeconds(10),
                () -> menv.stats().snapshot().total().numRequests() > 10);
        assertThat(master.userClassesCount()).isEqualTo(Map.of("Requester", 2));
    }
}
