package dev.locustj.benchmarks.distributed;

import dev.locustj.core.internal.stats.RequestStats;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code N} simulated Locust workers in one process, for {@link MasterCost}: each has its own JeroMQ DEALER on
 * 127.0.0.1 (identity {@code <host>_<32 hex>}), says {@code client_ready} (-1), answers {@code spawn} with
 * {@code spawning}/{@code spawning_complete}, sends a heartbeat every second (state, CPU, memory) and, every
 * {@code 3 s} from the first {@code spawn} on, a real stats report: its own {@link RequestStats} records {@code rps} requests per second spread over
 * {@code names} (method, name) entries (one of a pool of RequestStats, used in turn) (log-normal response times, 1 % failures), and
 * {@link RequestStats#workerReport()} makes the delta, msgpack-encoded by the runners' codec, as a Java worker does.
 * Timers are spread over the interval (workers don't start in the same millisecond). One thread owns all sockets.
 * Ends after {@code seconds}, when its stdin is closed, or when the parent process is gone.
 *
 * <pre>SimulatedWorkers PORT WORKERS NAMES RPS_PER_WORKER SECONDS</pre>
 *
 * <p>Prints {@code SENT reports=... requests=...} to stdout when it ends.
 */
public final class SimulatedWorkers {

    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STATS_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * Workers share this many RequestStats, used in turn (record an interval's requests, take the delta report):
     * the reports are the same as with one each, and 100 x 100 HdrHistogram recorders would need gigabytes.
     */
    private static final int STATS_POOL = 10;

    private SimulatedWorkers() {
    }

    private static final class Sim {
        final String id;
        final RequestStats stats;
        ZMQ.Socket socket;
        boolean acked;
        String state = "ready";
        Map<String, Integer> counts = new TreeMap<>();
        long nextReady;
        long nextHeartbeat = Long.MAX_VALUE;
        long nextStats = Long.MAX_VALUE;

        Sim(String id, RequestStats stats) {
            this.id = id;
            this.stats = stats;
        }

        int userCount() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Runs the workers. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int names = Integer.parseInt(args[2]);
        int rps = Integer.parseInt(args[3]);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        Probe.watchStdin();
        String endpoint = "tcp://127.0.0.1:" + port;
        String host = "benchhost";
        SplittableRandom random = new SplittableRandom(42);
        List<String[]> entries = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            entries.add(new String[] {i % 4 == 3 ? "POST" : "GET", "/api/v1/resource-" + i + "/[id]"});
        }
        int perEntry = Math.max(1, (int) Math.round(rps * 3.0 / names));
        long reports = 0;
        long requests = 0;
        try (ZContext ctx = new ZContext(1)) {
            List<Sim> sims = new ArrayList<>();
            List<RequestStats> pool = new ArrayList<>();
            ZMQ.Poller poller = ctx.createPoller(n);
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (pool.size() < STATS_POOL) {
                    pool.add(new RequestStats("sim" + i));
                }
                Sim s = new Sim(host + "_" + String.format("%032x", i + 1), pool.get(i % STATS_POOL));
                s.socket = socket(ctx, s.id, endpoint);
                poller.register(s.socket, ZMQ.Poller.POLLIN);
                send(s, "client_ready", -1L);
                s.nextReady = now + RECONNECT_NANOS;
                sims.add(s);
            }
            boolean parentGone = false;
            while (System.nanoTime() < end && !parentGone) {
                now = System.nanoTime();
                long next = end;
                for (int i = 0; i < sims.size(); i++) {
                    Sim s = sims.get(i);
                    if (!s.acked && now >= s.nextReady) { // JeroMQ: a DEALER now and then never gets through
                        poller.unregister(s.socket);
                        s.socket.close();
                        s.socket = socket(ctx, s.id, endpoint);
                        poller.register(s.socket, ZMQ.Poller.POLLIN);
                        send(s, "client_ready", -1L);
                        s.nextReady = now + RECONNECT_NANOS;
                    }
                    if (now >= s.nextHeartbeat) {
                        Map<String, Object> hb = new LinkedHashMap<>();
                        hb.put("state", s.state);
                        hb.put("current_cpu_usage", 10.0 + random.nextDouble(5));
                        hb.put("current_memory_usage", 150_000_000L + random.nextInt(1_000_000));
                        send(s, "heartbeat", hb);
                        s.nextHeartbeat += HEARTBEAT_NANOS;
                    }
                    if (now >= s.nextStats) {
                        for (String[] e : entries) {
                            for (int k = 0; k < perEntry; k++) {
                                double rt = Math.exp(3.5 + 0.6 * random.nextDouble() * random.nextDouble() * 4);
                                if (random.nextInt(100) == 0) {
                                    s.stats.logFailure(e[0], e[1], rt, 0, "HTTPError('500 Server Error')");
                                } else {
                                    s.stats.logRequest(e[0], e[1], rt, 512 + random.nextInt(2048));
                                }
                            }
                        }
                        requests += (long) perEntry * entries.size();
                        Map<String, Object> report = s.stats.workerReport();
                        report.put("user_classes_count", s.counts);
                        report.put("user_count", s.userCount());
                        send(s, "stats", report);
                        reports++;
                        s.nextStats += STATS_NANOS;
                    }
                    next = Math.min(next, Math.min(s.nextHeartbeat, s.nextStats));
                    if (!s.acked) {
                        next = Math.min(next, s.nextReady);
                    }
                }
                long waitMs = Math.max(0, (next - System.nanoTime()) / 1_000_000);
                if (poller.poll(Math.min(waitMs, 500)) > 0) {
                    for (int i = 0; i < sims.size(); i++) {
                        Sim s = sims.get(i);
                        byte[] frame;
                        while ((frame = s.socket.recv(ZMQ.DONTWAIT)) != null) {
                            onMessage(s, frame, i, n);
                        }
                    }
                }
                parentGone = Probe.toldToStop();
            }
            for (Sim s : sims) {
                s.socket.close();
            }
        }
        System.out.println("SENT reports=" + reports + " requests=" + requests);
        System.out.flush();
    }

    private static ZMQ.Socket socket(ZContext ctx, String id, String endpoint) {
        ZMQ.Socket s = ctx.createSocket(SocketType.DEALER);
        s.setIdentity(id.getBytes(StandardCharsets.UTF_8));
        s.setLinger(0);
        s.connect(endpoint);
        return s;
    }

    private static void send(Sim s, String type, Object data) {
        s.socket.send(MsgpackCodec.encode(new WireMessage(type, data, s.id)), ZMQ.DONTWAIT);
    }

    @SuppressWarnings("unchecked")
    private static void onMessage(Sim s, byte[] frame, int index, int n) {
        if (!(MsgpackCodec.decode(frame) instanceof DecodeResult.Ok ok)) {
            return;
        }
        WireMessage m = ok.message();
        long now = System.nanoTime();
        switch (m.type()) {
            case "ack" -> {
                if (!s.acked) {
                    s.acked = true;
                    // spread the timers over the intervals, as workers started at different moments would be
                    s.nextHeartbeat = now + HEARTBEAT_NANOS * index / n;
                }
            }
            case "spawn" -> {
                if (m.data() instanceof Map<?, ?> d && d.get("user_classes_count") instanceof Map<?, ?> c) {
                    Map<String, Integer> counts = new TreeMap<>();
                    ((Map<Object, Object>) c).forEach((k, v) -> counts.put(String.valueOf(k),
                            ((Number) v).intValue()));
                    s.counts = counts;
                    s.state = "spawning";
                    send(s, "spawning", null);
                    Map<String, Object> done = new LinkedHashMap<>();
                    done.put("user_classes_count", counts);
                    done.put("user_count", s.userCount());
                    send(s, "spawning_complete", done);
                    s.state = "running";
                    if (s.nextStats == Long.MAX_VALUE) { // reports start with the test, after the master's reset
                        s.nextStats = now + STATS_NANOS * index / n;
                    }
                }
            }
            case "stop" -> {
                s.counts = new TreeMap<>();
                s.state = "ready";
                send(s, "client_stopped", null);
                send(s, "client_ready", -1L);
            }
            case "quit" -> s.nextHeartbeat = s.nextStats = Long.MAX_VALUE;
            default -> {
                // heartbeat replies, reconnect, custom messages: nothing to do
            }
        }
    }
}
