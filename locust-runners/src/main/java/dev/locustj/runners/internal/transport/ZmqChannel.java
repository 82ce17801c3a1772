package dev.locustj.runners.internal.transport;

import dev.locustj.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /**
     * The largest message any socket accepts: 128 MiB, room for a locustfile download (DIST-09) and a stats report
     * with many names. A peer announcing a bigger frame is disconnected before anything is allocated (without a
     * limit JeroMQ reserves the announced size up front, so a few hundred bytes could exhaust direct memory).
     */
    public static final long MAX_MESSAGE_BYTES = 128L * 1024 * 1024;

    private record Outbound(byte[] identity, byte[] payload) {
    }

    private final ZContext context = new ZContext(1);
    private final SocketType type;
    private final String endpoint;
    private final byte[] identity;
    private final boolean ipv6;
    private final Consumer<Inbound> consumer;
    private final Consumer<Throwable> onFatal;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Outbound> outbox = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final int port;
    private final Thread thread;
    private volatile ZMQ.Socket socket;
    private volatile boolean running = true;
    private volatile boolean reconnectRequested;
    private volatile long lingerMillis = 1000;
    private volatile long loops;

    private ZmqChannel(SocketType type, String endpoint, int bindPort, byte[] identity, boolean ipv6,
                       Consumer<Inbound> consumer, Consumer<Throwable> onFatal, String threadName) {
        this.type = type;
        this.identity = identity;
        this.consumer = consumer;
        this.onFatal = onFatal;
        // JeroMQ's own I/O thread ends on an uncaught error (e.g. OutOfMemoryError): nothing is received or sent
        // any more, so the owner must know (set before the first socket starts the thread)
        context.setUncaughtExceptionHandler((t, e) -> fail(t.getName(), e));
        context.setNotificationExceptionHandler((t, e) -> fail(t.getName(), e));
        if (type == SocketType.ROUTER && ipv6 && endpoint.equals("tcp://*") && !ipv6Available()) {
            ipv6 = false; // no IPv6 in this JVM or OS: bind 0.0.0.0 as before Locust 2.20.1
        }
        this.ipv6 = ipv6;
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
                        + bindFailure(e) + ")");
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

    /**
     * Locust's text for a failed bind ("Socket bind failure: Address already in use"): the error's name, not
     * JeroMQ's "Errno 48", which is the BSD number of EADDRINUSE on every OS.
     */
    static String bindFailure(RuntimeException e) {
        if (e instanceof ZMQException z) {
            try {
                return "Socket bind failure: " + ZMQ.Error.findByCode(z.getErrorCode()).getMessage();
            } catch (RuntimeException unknownCode) {
                return "Socket bind failure: " + z.getMessage();
            }
        }
        return "Socket bind failure: " + e.getMessage();
    }

    /**
     * Binds a ROUTER on {@code tcp://host:port} ({@code host} may be {@code *}, an IPv4 or IPv6 address with or
     * without brackets, or a name; port 0: a random free port). {@code *} binds dual stack ({@code ::}, IPv4 and
     * IPv6 workers) when the machine has IPv6, as Locust ≥2.20.1 does; see {@link #ipv6For(String)}.
     */
    public static ZmqChannel router(String host, int port, Consumer<Inbound> consumer) {
        return router(host, port, consumer, e -> { });
    }

    /**
     * As {@link #router(String, int, Consumer)}; {@code onFatal} is called once, on the failing thread, when the
     * channel can no longer receive or send (JeroMQ's I/O thread or this channel's thread died).
     */
    public static ZmqChannel router(String host, int port, Consumer<Inbound> consumer, Consumer<Throwable> onFatal) {
        return new ZmqChannel(SocketType.ROUTER, "tcp://" + bracketed(host), port, new byte[0], ipv6For(host),
                consumer, onFatal, "locust-master-rpc");
    }

    /** Connects a DEALER with this identity to {@code tcp://host:port} ({@code host}: as for {@link #router}). */
    public static ZmqChannel dealer(String host, int port, String identity, Consumer<Inbound> consumer) {
        return dealer(host, port, identity, consumer, e -> { });
    }

    /** As {@link #dealer(String, int, String, Consumer)}, with {@code onFatal} as for {@link #router}. */
    public static ZmqChannel dealer(String host, int port, String identity, Consumer<Inbound> consumer,
                                    Consumer<Throwable> onFatal) {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > 255 || id[0] == 0) {
            throw new ConfigurationException("bad worker identity (1..255 bytes, not starting with 0x00): " + identity);
        }
        return new ZmqChannel(SocketType.DEALER, "tcp://" + bracketed(host) + ":" + port, 0, id, ipv6For(host),
                consumer, onFatal, "locust-worker-rpc");
    }

    /** Reports a dead thread once: logged here, then handed to the owner. */
    private void fail(String threadName, Throwable e) {
        if (!running || !failed.compareAndSet(false, true)) {
            return;
        }
        LOG.error("ZeroMQ thread {} died: {}", threadName, e.toString());
        try {
            onFatal.accept(e);
        } catch (RuntimeException ex) {
            LOG.error("handling the ZeroMQ failure failed: {}", ex.toString());
        }
    }

    /** Whether a ZeroMQ thread of this channel died (nothing is received or sent any more). */
    public boolean failed() {
        return failed.get();
    }

    /** An IPv6 literal in ZeroMQ's endpoint syntax ({@code ::1} → {@code [::1]}); other hosts unchanged. */
    static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Whether a socket for this host gets ZeroMQ's IPV6 option (Locust ≥2.20.1 sets it unless the host resolves only
     * to IPv4 addresses). With the option JeroMQ binds {@code *} as {@code ::} (dual stack: workers connect over
     * IPv4 or IPv6) and picks a name's IPv6 address first; without it, IPv6 addresses can't be used at all. So: on for
     * {@code *}, for IPv6 literals and for names with no IPv4 address; off for IPv4 literals and for names that also
     * have an IPv4 address (e.g. {@code localhost}), which keeps using IPv4 for them as before: unlike libzmq, JeroMQ
     * would otherwise connect {@code localhost} to {@code ::1}, which a master bound to 127.0.0.1 doesn't hear.
     */
    static boolean ipv6For(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("*")) {
            return true;
        }
        if (h.contains(":")) {
            return true;
        }
        if (h.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return false; // an IPv4 literal: no lookup
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (a instanceof Inet4Address) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false; // JeroMQ reports the unknown host itself
        }
    }

    /** Whether this JVM can open IPv6 sockets (not with -Djava.net.preferIPv4Stack=true or an IPv4-only kernel). */
    private static boolean ipv6Available() {
        if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
            return false;
        }
        try (java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open()) {
            ch.bind(new java.net.InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether this socket has ZeroMQ's IPV6 option (tests). */
    boolean ipv6() {
        return ipv6;
    }

    private ZMQ.Socket newSocket() {
        ZMQ.Socket s = context.createSocket(type);
        s.setTCPKeepAlive(1);
        s.setTCPKeepAliveIdle(30);
        s.setLinger(0);
        s.setMaxMsgSize(MAX_MESSAGE_BYTES);
        s.setReceiveTimeOut(POLL_MILLIS);
        s.setIPv6(ipv6);
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
        } catch (RuntimeException | Error e) {
            fail(Thread.currentThread().getName(), e);
        } finally {
            try {
                if (!failed.get()) { // with a dead I/O thread the context's termination would wait forever
                    context.close();
                }
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
