package dev.locustj.runners.internal;

import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw DEALER sockets that speak the wire protocol to a master under test by hand: hostile, half-registered or
 * scripted peers. The sockets belong to the caller's {@link ZContext}, which closes them.
 */
final class RawPeers {

    private final ZContext ctx;
    private final int port;

    RawPeers(ZContext ctx, int port) {
        this.ctx = ctx;
        this.port = port;
    }

    /** A fresh DEALER with identity {@code id}, connected to the master, 1-s receive timeout, no linger. */
    ZMQ.Socket raw(String id) {
        ZMQ.Socket sock = ctx.createSocket(SocketType.DEALER);
        sock.setIdentity(id.getBytes(StandardCharsets.UTF_8));
        sock.setReceiveTimeOut(1000);
        sock.setLinger(0);
        sock.connect("tcp://127.0.0.1:" + port);
        return sock;
    }

    static void send(ZMQ.Socket sock, String type, Object data, String id) {
        sock.send(MsgpackCodec.encode(new WireMessage(type, data, id)), 0);
    }

    /** The next message the master sends to {@code sock}; fails the test when none comes within the timeout. */
    static WireMessage receive(ZMQ.Socket sock) {
        byte[] b = sock.recv(0);
        assertThat(b).as("an answer from the master").isNotNull();
        DecodeResult r = MsgpackCodec.decode(b);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    /**
     * Sends {@code type} from a fresh socket with identity {@code id} until the master answers {@code expectedReply}
     * (at most 5 tries, like a real worker: with JeroMQ a fresh DEALER's connection now and then never gets through,
     * see WorkerRunner); the socket returned then waits up to 5 s for each later message.
     */
    ZMQ.Socket exchange(String id, String type, Object data, String expectedReply) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ZMQ.Socket fresh = raw(id);
            send(fresh, type, data, id);
            byte[] b = fresh.recv(0);
            if (b == null) {
                fresh.close();
                continue;
            }
            fresh.setReceiveTimeOut(5000);
            WireMessage reply = ((DecodeResult.Ok) MsgpackCodec.decode(b)).message();
            assertThat(reply.type()).isEqualTo(expectedReply);
            assertThat(reply.nodeId()).isEqualTo(id);
            return fresh;
        }
        throw new AssertionError("the master never answered " + id);
    }

    /** A peer that sent {@code client_ready} with {@code version} and got its {@code ack}. */
    ZMQ.Socket registered(String id, Object version) {
        return exchange(id, "client_ready", version, "ack");
    }
}
