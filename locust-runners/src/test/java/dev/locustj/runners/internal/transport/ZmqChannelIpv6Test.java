package dev.locustj.runners.internal.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * IPv6 (Locust ≥2.20.1, protocol §1): {@code *} binds dual stack, IPv6 literals work with or without brackets.
 * Loopback only ({@code ::1}, 127.0.0.1); skipped where the machine has no IPv6 loopback.
 */
@Timeout(30)
class ZmqChannelIpv6Test {

    static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theIpv6OptionIsOnForStarAndIpv6LiteralsAndOffForIpv4() {
        assertThat(ZmqChannel.ipv6For("*")).isTrue();
        assertThat(ZmqChannel.ipv6For("::1")).isTrue();
        assertThat(ZmqChannel.ipv6For("[::1]")).isTrue();
        assertThat(ZmqChannel.ipv6For("127.0.0.1")).isFalse();
        assertThat(ZmqChannel.ipv6For("localhost")).as("has an IPv4 address: stays on IPv4").isFalse();
        assertThat(ZmqChannel.bracketed("::1")).isEqualTo("[::1]");
        assertThat(ZmqChannel.bracketed("[::1]")).isEqualTo("[::1]");
        assertThat(ZmqChannel.bracketed("127.0.0.1")).isEqualTo("127.0.0.1");
    }

    /** Sends hello from the dealer until the router hears it (JeroMQ: a fresh DEALER may need a second socket). */
    private static Inbound hello(ZmqChannel dealer, LinkedBlockingQueue<Inbound> atRouter, String text)
            throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) {
                dealer.reconnect();
            }
            dealer.send("", text.getBytes(StandardCharsets.UTF_8));
            Inbound in = atRouter.poll(2, TimeUnit.SECONDS);
            if (in != null) {
                return in;
            }
        }
        throw new AssertionError("no message from " + dealer.endpoint());
    }

    @Test
    void aRouterBoundToIpv6LoopbackTalksWithADealerConnectingToIt() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1)");
        LinkedBlockingQueue<Inbound> atRouter = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Inbound> atDealer = new LinkedBlockingQueue<>();
        try (ZmqChannel router = ZmqChannel.router("::1", 0, atRouter::add);
             ZmqChannel dealer = ZmqChannel.dealer("[::1]", router.port(), "v6_1", atDealer::add)) {
            assertThat(router.ipv6()).isTrue();
            assertThat(router.endpoint()).isEqualTo("tcp://[::1]:" + router.port());
            assertThat(dealer.endpoint()).isEqualTo("tcp://[::1]:" + router.port());
            Inbound in = hello(dealer, atRouter, "over ipv6");
            assertThat(in.identityString()).isEqualTo("v6_1");
            router.send("v6_1", "back".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(atDealer.poll(5, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("back");
        }
    }

    @Test
    void aRouterBoundToStarIsDualStack() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1)");
        LinkedBlockingQueue<Inbound> atRouter = new LinkedBlockingQueue<>();
        try (ZmqChannel router = ZmqChannel.router("*", 0, atRouter::add);
             ZmqChannel v6 = ZmqChannel.dealer("::1", router.port(), "v6_2", in -> { });
             ZmqChannel v4 = ZmqChannel.dealer("127.0.0.1", router.port(), "v4_2", in -> { })) {
            assertThat(router.ipv6()).isTrue();
            assertThat(v4.ipv6()).isFalse();
            assertThat(hello(v6, atRouter, "six").identityString()).isEqualTo("v6_2");
            assertThat(hello(v4, atRouter, "four").identityString()).isEqualTo("v4_2");
        }
    }
}
