package dev.locustj.runners.internal.transport;

import dev.locustj.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One ZeroMQ socket and the one platform thread that owns it (ZeroMQ sockets aren't thread-safe). The thread
 * receives frames and hands them to a consumer, and sends what other threads queued with {@link #send}. Nothing
 * else happens on it: no decoding beyond framing, no handling.
 *
 * <p>A ROUTER ({@link #router}) is the master's socket: it receives {@code [identity, payload]} and sends
 * {@code [identity, payload]} (no delimiter frame). A DEALER ({@link #dealer}) is a worker's socket, with its
 * identity set before connecting; {@link #reconnect()} recreates it with the same identity (the {@code reconnect}
 * message).
 */
public final class ZmqChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("locust.rpc");
    /**
     * How long the I/O thread blocks in a receive before it looks at the outbox again: the longest an outgoing
     * message waits while the socket is idle (a busy socket loops at once). Each wake-up costs tens of microseconds
     * of CPU in JeroMQ, so 5 ms (200 wake-ups/s) cost about 0.5..1 % of a core on every idle master and worker,
     * which was most of a worker's overhead over a local run (docs/performance.md); 50 ms costs a tenth of that.
     */
    static final int POLL_MILLIS = 50;

    private record Outbound(byte[] identity, byte[] payload) {
    }

    private final ZContext context = new ZContext(1);
    private final SocketType type;
    private final String endpoint;
    private final byte[] identity;
    private final Consumer<Inbound> consumer;
    private final ConcurrentLinkedQueue<Outbound> outbox = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final int port;
    private final Thread thread;
    private volatile ZMQ.Socket socket;
    private volatile boolean running = true;
    private volatile boolean reconnectRequested;
    private volatile long lingerMillis = 1000;
    private volatile long loops;

    private ZmqChannel(SocketType type, String endpoint, int bindPort, byte[] identity, Consumer<Inbound> consumer,
                       String threadName) {
        this.type = type;
        this.identity = identity;
        this.consumer = consumer;
        this.socket = newSocket();
        if (type == SocketType.ROUTER) {
            try {
                if (bindPort == 0) {
                    this.port = socket.bindToRandomPort(endpoint);
                } else {
                    socket.bind(endpoint + ":" + bindPort);
                    this.port = bindPort;
                }
            } catch (ZMQException | IllegalArgumentException e) {
                context.close();
                String where = endpoint.equals("tcp://*") ? String.valueOf(bindPort)
                        : endpoint.substring("tcp://".length()) + ":" + bindPort;
                throw new ConfigurationException("The Locust master port (" + where + ") was busy. Close any "
                        + "applications using that port - perhaps an old instance of Locust master is still running? ("
                        + e.getMessage() + ")");
            }
            this.endpoint = endpoint + ":" + port;
        } else {
            this.endpoint = endpoint;
            this.port = -1;
            socket.connect(endpoint);
        }
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Binds a ROUTER on {@code tcp://host:port} ({@code host} may be {@code *}; port 0: a random free port). */
    public static ZmqChannel router(String host, int port, Consumer<Inbound> consumer) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new ZmqChannel(SocketType.ROUTER, "tcp://" + h, port, new byte[0], consumer, "locust-master-rpc");
    }

    /** Connects a DEALER with this identity to {@code tcp://host:port}. */
    public static ZmqChannel dealer(String host, int port, String identity, Consumer<Inbound> consumer) {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > 255 || id[0] == 0) {
            throw new ConfigurationException("bad worker identity (1..255 bytes, not starting with 0x00): " + identity);
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new ZmqChannel(SocketType.DEALER, "tcp://" + h + ":" + port, 0, id, consumer, "locust-worker-rpc");
    }

    private ZMQ.Socket newSocket() {
        ZMQ.Socket s = context.createSocket(type);
        s.setTCPKeepAlive(1);
        s.setTCPKeepAliveIdle(30);
        s.setLinger(0);
        s.setReceiveTimeOut(POLL_MILLIS);
        if (type == SocketType.DEALER) {
            s.setIdentity(identity);
        } else {
            s.setRouterHandover(true); // a worker that recreated its socket (same identity) takes its place at once
        }
        return s;
    }

    /** The bound port (ROUTER only). */
    public int port() {
        return port;
    }

    /** The endpoint. */
    public String endpoint() {
        return endpoint;
    }

    /** How many times the I/O thread went round its loop (tests: an idle channel must not spin). */
    long loopCount() {
        return loops;
    }

    /** Queues a payload: to {@code identity} on a ROUTER; the identity is ignored on a DEALER. Thread-safe. */
    public void send(String identity, byte[] payload) {
        if (!running) {
            return;
        }
        outbox.add(new Outbound(identity.getBytes(StandardCharsets.UTF_8), payload));
    }

    /** Recreates the DEALER socket with the same identity (on the I/O thread). */
    public void reconnect() {
        reconnectRequested = true;
    }

    private void loop() {
        try {
            while (running) {
                loops++; // only this thread writes it
                if (reconnectRequested) {
                    reconnectRequested = false;
                    LOG.debug("Reconnecting to {}", endpoint);
                    socket.close();
                    socket = newSocket();
                    socket.connect(endpoint);
                }
                flush();
                receive();
            }
            // let queued messages (a final stats, quit) go out before closing
            flush();
            socket.setLinger((int) Math.min(Integer.MAX_VALUE, lingerMillis));
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("ZeroMQ socket loop failed: {}", e.toString());
            }
        } finally {
            try {
                context.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the ZeroMQ context: {}", e.toString());
            }
            closed.countDown();
        }
    }

    private void flush() {
        Outbound o;
        while ((o = outbox.poll()) != null) {
            boolean ok;
            if (type == SocketType.ROUTER) {
                ok = socket.sendMore(o.identity()) && socket.send(o.payload(), 0);
            } else {
                ok = socket.send(o.payload(), ZMQ.DONTWAIT);
            }
            if (!ok) {
                LOG.warn("could not send a message ({} bytes): errno {}", o.payload().length, socket.errno());
            }
        }
    }

    private void receive() {
        byte[] first;
        try {
            first = socket.recv(0);
        } catch (ZMQException e) {
            if (running) {
                LOG.warn("ZeroMQ receive error: {}", e.getMessage());
            }
            return;
        }
        if (first == null) {
            return;
        }
        List<byte[]> frames = new ArrayList<>(2);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        Inbound in;
        if (type == SocketType.ROUTER) {
            byte[] payload = frames.size() >= 2 ? frames.get(1) : new byte[0];
            in = new Inbound(frames.get(0), payload, frames.size());
        } else {
            in = new Inbound(new byte[0], frames.get(0), frames.size());
        }
        try {
            consumer.accept(in);
        } catch (RuntimeException e) {
            LOG.error("message consumer failed: {}", e.toString());
        }
    }

    /** Stops the thread after sending what is queued (waiting up to {@code linger}), and closes the socket. */
    public void close(long lingerMillis) {
        this.lingerMillis = lingerMillis;
        running = false;
        try {
            if (Thread.currentThread() != thread && !closed.await(lingerMillis + 2000, TimeUnit.MILLISECONDS)) {
                LOG.warn("ZeroMQ socket thread did not end in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(1000);
    }
}
