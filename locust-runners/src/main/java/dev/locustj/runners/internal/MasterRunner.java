package dev.locustj.runners.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustException;
import dev.locustj.core.Message;
import dev.locustj.core.MessageHandler;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.InternalThreads;
import dev.locustj.core.internal.MessageHandlers;
import dev.locustj.core.internal.UsageMonitor;
import dev.locustj.core.internal.UserClasses;
import dev.locustj.core.internal.UserLimit;
import dev.locustj.core.internal.ShapeDriver;
import dev.locustj.core.internal.dispatch.UsersDispatcher;
import dev.locustj.core.internal.dispatch.UsersDispatcher.UserClassSpec;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerInfo;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.EncodeException;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import dev.locustj.runners.internal.transport.Inbound;
import dev.locustj.runners.internal.transport.ZmqChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The master (protocol §4..§6, checklist §12.2): a ROUTER the workers connect to. It hands out worker indexes, keeps
 * each worker's liveness, distributes users with the {@link UsersDispatcher}, merges the workers' stats and
 * forwards custom messages. Threads: the socket's I/O thread (framing only), one handler thread (decodes and
 * handles, in order), one heartbeat timer thread and a virtual thread per ramp. State is guarded by one lock; the
 * ramp waits between iterations with {@code lock.wait}, so messages are handled meanwhile.
 */
public final class MasterRunner implements Runner {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");
    /** The Locust version this master speaks (the protocol of 2.12.1 .. 2.4x). */
    static final String MASTER_VERSION = "2.12.1";

    private final DefaultEnvironment env;
    private final MasterOptions options;
    private final WireStats wireStats;
    private final ZmqChannel channel;
    private final Object lock = new Object();
    private final WorkerRegistry workers = new WorkerRegistry();
    private final MessageHandlers handlers = new MessageHandlers();
    private final SenderLog senderLog = new SenderLog(LOG);
    private final UnknownPeers unknownPeers = new UnknownPeers(workers, lock, senderLog, LOG, this::sendTo);
    private final Inbox<Inbound> inbox = new Inbox<>();
    private final ScheduledExecutorService timers;
    private final Thread handlerThread;
    private final CountDownLatch quitLatch = new CountDownLatch(1);
    private final List<UserClassSpec> classSpecs;
    private final UserLimit userLimit;
    private final UsageMonitor usageMonitor;
    private final LocustfileServer locustfileServer;
    private volatile RunnerState state = RunnerState.READY;
    private volatile int targetUserCount;
    private double spawnRate;
    private boolean spawningCompleted;
    private UsersDispatcher dispatcher;
    private Thread rampThread;
    private Thread shapeThread;
    private double lastSpawnTimestamp;
    private volatile boolean quitting;
    private volatile Map<String, Integer> finalUserClassesCount = Map.of();
    private boolean workerCpuWarningEmitted;

    /** Binds the ROUTER and starts the handler and heartbeat threads. */
    public MasterRunner(DefaultEnvironment env, MasterOptions options) {
        this.env = env;
        this.options = options;
        this.wireStats = new WireStats(env.requestStats());
        this.classSpecs = currentClassSpecs();
        this.userLimit = UserLimit.of(env.options(), UserLimit.BYTES_PER_DISPATCHED_USER);
        env.onUserClassUpdate(this::sendUserClassUpdate);
        env.requestStats().userCountSupplier(this::userCount);
        this.usageMonitor = new UsageMonitor(env, Duration.ofSeconds(5));
        this.locustfileServer = new LocustfileServer(options.locustfiles());
        this.channel = ZmqChannel.router(options.bindHost(), options.bindPort(), inbox::add, this::transportFailed);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "locust-master-heartbeat"));
        this.handlerThread = daemon(this::handleLoop, "locust-master");
        handlerThread.start();
        long tick = options.heartbeatInterval().toNanos();
        timers.scheduleAtFixedRate(InternalThreads.guarded("locust-master-heartbeat", this::heartbeatTick), tick, tick,
                TimeUnit.NANOSECONDS);
        env.events().workerReport().add(this::onWorkerReport);
        env.events().quitting().add(e -> quit());
        LOG.info("Starting Locust master on {}", channel.endpoint());
    }

    /**
     * The socket can no longer receive or send (a ZeroMQ thread died): the test ends with exit code 1 and the
     * results so far; workers quit on their own once they miss the master's heartbeats.
     */
    void transportFailed(Throwable e) {
        LOG.error("The master lost its connection to the workers ({}); stopping the test. Workers quit when they "
                + "miss the master's heartbeats.", e.toString());
        if (env.processExitCode().isEmpty()) {
            env.processExitCode(1);
        }
        daemon(this::quit, "locust-master-failed").start();
    }

    private static Thread daemon(Runnable r, String name) {
        return InternalThreads.unstarted(name, r);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return channel.port();
    }

    /** The options. */
    public MasterOptions options() {
        return options;
    }

    /** Workers that are ready, spawning or running. */
    public int workerCount() {
        synchronized (lock) {
            return activeWorkerIds().size();
        }
    }

    /** Every known worker id with its state (ready, spawning, running, missing). */
    public Map<String, String> workerStates() {
        synchronized (lock) {
            return workers.states();
        }
    }

    /** Every known worker, sorted by id. */
    public List<WorkerInfo> workers() {
        synchronized (lock) {
            return workers.infos();
        }
    }

    /** The users each worker reported, by worker id. */
    public Map<String, Map<String, Integer>> workerUserCounts() {
        synchronized (lock) {
            return workers.userCounts();
        }
    }

    private List<String> activeWorkerIds() {
        return workers.activeIds();
    }

    private int workerIndex(String id) {
        return workers.index(id);
    }

    // ---- sending ------------------------------------------------------------------------------------------------

    /** The classes with their current weight and fixed count (updated ones included, LF-81). */
    private List<UserClassSpec> currentClassSpecs() {
        List<UserClassSpec> specs = new ArrayList<>();
        for (Class<? extends User> c : env.userClasses()) {
            specs.add(new UserClassSpec(UserClasses.name(c), env.weight(c), env.fixedCount(c)));
        }
        return List.copyOf(specs);
    }

    /**
     * DIST-11: {@code update_user_class} with the settings as received, to every known worker that understands it
     * (Locust >= 2.25, or a Java worker). As in Locust, workers that connect later do not get earlier updates.
     */
    private void sendUserClassUpdate(Map<String, Object> settings) {
        List<String> ids;
        synchronized (lock) {
            ids = workers.idsUnderstanding(2, 25);
        }
        for (String id : ids) {
            sendTo(id, "update_user_class", settings);
        }
    }

    private void sendTo(String workerId, String type, Object data) {
        try {
            channel.send(workerId, MsgpackCodec.encode(new WireMessage(type, data, workerId)));
        } catch (EncodeException e) {
            LOG.error("cannot send {} to worker {}: {}", type, workerId, e.getMessage());
        }
    }

    private void sendSpawn(String workerId, Map<String, Integer> counts) {
        double now = System.currentTimeMillis() / 1000.0;
        lastSpawnTimestamp = Math.max(now, Math.nextUp(lastSpawnTimestamp));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("timestamp", lastSpawnTimestamp);
        data.put("user_classes_count", counts);
        data.put("host", env.host().orElse(null));
        data.put("stop_timeout", env.stopTimeout().toNanos() / 1e9);
        data.put("parsed_options", parsedOptions());
        sendTo(workerId, "spawn", data);
    }

    /**
     * The options by Locust dest name ({@code spawn-rate} → {@code spawn_rate}); tags as lists (protocol §6.1);
     * the user code's custom options typed as argparse would (int, float, bool, str; DIST-02), nil without a value.
     */
    private Map<String, Object> parsedOptions() {
        Map<String, Object> m = new TreeMap<>();
        env.options().forEach((k, v) -> m.put(k.replace('-', '_'), v));
        for (var c : env.customOptions()) {
            m.put(c.dest(), env.option(c.name()).map(c::typedValue).orElse(null));
        }
        m.put("tags", env.tags().isEmpty() ? null : List.copyOf(env.tags()));
        m.put("exclude_tags", env.excludeTags().isEmpty() ? null : List.copyOf(env.excludeTags()));
        return m;
    }

    // ---- receiving ----------------------------------------------------------------------------------------------

    private void handleLoop() {
        inbox.run(this::handleInbound, in -> "a message from " + in.identityString(), LOG);
    }

    private void handleInbound(Inbound in) {
        String identity = in.identityString();
        DecodeResult r = in.frames() == 2 ? MsgpackCodec.decode(in.payload())
                : new DecodeResult.Error("expected 2 frames, got " + in.frames());
        if (r instanceof DecodeResult.Error err) {
            boolean known;
            synchronized (lock) {
                known = workers.contains(identity);
            }
            if (known) {
                senderLog.warnOnce(identity, "corrupt", "RPCError when receiving from worker " + identity + ": " + err.reason()
                        + ". Will reset client " + identity + ".");
                sendTo(identity, "reconnect", null);
            } else {
                senderLog.warnOnce(identity, "corrupt", "Unrecognized message detected from " + identity + ": "
                        + err.reason());
            }
            return;
        }
        WireMessage m = ((DecodeResult.Ok) r).message();
        if (!m.nodeId().equals(identity) && !m.type().equals("client_ready")) {
            senderLog.warnOnce(identity, "node_id", "Worker " + identity + " sent a message with another node id: " + m.nodeId());
        }
        handle(identity, m);
        synchronized (lock) {
            checkStopped();
        }
    }

    private void handle(String identity, WireMessage m) {
        String id = m.nodeId();
        switch (m.type()) {
            case "client_ready" -> onClientReady(identity, m.data());
            case "client_stopped" -> onWorkerGone(id, "client_stopped");
            case "quit" -> onWorkerGone(id, "quit");
            case "heartbeat" -> onHeartbeat(id, m.data());
            case "stats" -> {
                if (unknownPeers.discards(identity, id, "report")) {
                    return;
                }
                if (!(m.data() instanceof Map<?, ?> data)) {
                    senderLog.warnOnce(identity, "stats", "Malformed stats message from worker " + id + "; ignored");
                    return;
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                data.forEach((k, v) -> copy.put(String.valueOf(k), v));
                env.events().workerReport().fire(new Events.ReportEvent(env, id, copy));
            }
            case "spawning" -> {
                synchronized (lock) {
                    WorkerNode w = workers.get(id).orElse(null);
                    if (w == null) {
                        senderLog.warnOnce(identity, "unknown", "Got spawning message from unknown worker " + id
                                + ". Asking worker to quit.");
                        sendTo(id, "quit", null);
                        return;
                    }
                    w.state = "spawning";
                }
            }
            case "spawning_complete" -> {
                synchronized (lock) {
                    WorkerNode w = workers.get(id).orElse(null);
                    if (w == null) {
                        senderLog.warnOnce(identity, "unknown", "Got spawning_complete message from unknown worker " + id
                                + ". Asking worker to quit.");
                        sendTo(id, "quit", null);
                        return;
                    }
                    w.state = "running";
                    Wire.map(m.data()).flatMap(d -> Wire.classCounts(d.get("user_classes_count")))
                            .ifPresent(c -> w.userClassesCount = c);
                }
            }
            case "exception" -> {
                if (unknownPeers.discards(identity, id, "exception")) {
                    return;
                }
                Optional<Map<?, ?>> d = Wire.map(m.data());
                if (d.isPresent() && d.get().get("msg") instanceof String msg
                        && d.get().get("traceback") instanceof String tb) {
                    wireStats.addException(id, msg, tb);
                } else {
                    senderLog.warnOnce(identity, "exception", "Malformed exception message from worker " + id + "; ignored");
                }
            }
            case "logs" -> {
                if (!unknownPeers.discards(identity, id, "logs")) {
                    onLogs(identity, id, m.data());
                }
            }
            // DIST-09/LF-04: from a worker's temporary download identity (not a registered worker)
            case "locustfile" -> locustfileServer.reply(m.data(), identity)
                    .ifPresent(reply -> sendTo(identity, "locustfile", reply));
            default -> {
                MessageHandler h = handlers.get(m.type()).orElse(null);
                if (h == null) {
                    String index;
                    synchronized (lock) {
                        index = workers.contains(id) ? String.valueOf(workerIndex(id)) : "unknown";
                    }
                    senderLog.warnOnce(identity, "type", "Unknown message type received from worker " + id
                            + " (index " + index + "): " + m.type());
                    return;
                }
                try {
                    h.handle(env, new Message(m.type(), Optional.ofNullable(m.data()), id));
                } catch (RuntimeException e) {
                    LOG.error("Handler of custom message {} from worker {} failed: {}", m.type(), id, e.toString(), e);
                }
            }
        }
    }

    private void onClientReady(String identity, Object version) {
        if (!WorkerVersionCheck.accept(identity, version, MASTER_VERSION, LOG, senderLog)) {
            return;
        }
        int index;
        int connected;
        synchronized (lock) {
            index = workerIndex(identity);
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("index", index);
            ack.put(WorkerRunner.ACK_TAKES_LOGS, true);
            sendTo(identity, "ack", ack);
            boolean duplicate = workers.contains(identity);
            workers.add(identity, version, options.heartbeatLiveness());
            if (dispatcher != null) {
                dispatcher.addWorker(identity);
                if (!dispatcher.dispatchInProgress() && state == RunnerState.RUNNING) {
                    restart();
                }
            }
            connected = activeWorkerIds().size();
            if (duplicate) {
                LOG.debug("{} (index {}) reported as ready (duplicate message). {} workers connected.", identity,
                        index, connected);
            } else {
                LOG.info("{} (index {}) reported as ready. {} workers connected.", identity, index, connected);
            }
            if (options.enableRebalancing() && state == RunnerState.RUNNING && spawningCompleted) {
                restart();
            }
        }
        env.events().workerConnect().fire(new Events.WorkerConnectEvent(env, identity));
    }

    private void onWorkerGone(String id, String why) {
        synchronized (lock) {
            if (workers.remove(id).isEmpty()) {
                if (why.equals("client_stopped")) {
                    senderLog.warnOnce(id, "unknown", "Received client_stopped message from an unknown worker: " + id + ".");
                }
                return;
            }
            if (dispatcher != null) {
                dispatcher.removeWorker(id);
                if (!dispatcher.dispatchInProgress() && state == RunnerState.RUNNING) {
                    restart();
                }
            }
            int index = workerIndex(id);
            if (why.equals("quit")) {
                LOG.info("Worker '{}' (index {}) quit. {} workers ready.", id, index, workers.countInState("ready"));
                if (activeWorkerIds().isEmpty()) {
                    LOG.info("The last worker quit, stopping test.");
                }
                if (activeWorkerIds().isEmpty() && !quitting) { // while quitting, quit() stops the test itself
                    InternalThreads.start("locust-master-stop", () -> {
                        stop();
                        if (headless()) {
                            quit();
                        }
                    });
                }
            } else {
                LOG.info("Worker {} (index {}) reported that it has stopped, removing from running workers", id,
                        index);
            }
        }
    }

    private boolean headless() {
        return ShapeDriver.headless(env);
    }

    private void onHeartbeat(String id, Object data) {
        synchronized (lock) {
            WorkerNode w = workers.get(id).orElse(null);
            if (w == null) {
                unknownPeers.heartbeat(id);
                return;
            }
            Optional<Map<?, ?>> d = Wire.map(data);
            if (d.isEmpty() || !(d.get().get("state") instanceof String newState)) {
                senderLog.warnOnce(id, "heartbeat", "Malformed heartbeat from worker " + id + "; ignored");
                return;
            }
            w.heartbeat = options.heartbeatLiveness();
            if (w.state.equals("missing")) {
                LOG.info("Worker {} self-healed with heartbeat, setting state to {}.", id, newState);
                if (dispatcher != null) {
                    dispatcher.addWorker(id);
                    if (!dispatcher.dispatchInProgress() && state == RunnerState.RUNNING) {
                        restart();
                    }
                }
            }
            w.state = newState;
            Wire.number(d.get().get("current_cpu_usage")).ifPresent(c -> w.cpuUsage = c);
            if (!w.cpuWarningEmitted && w.cpuUsage > 90) {
                workerCpuWarningEmitted = true;
                w.cpuWarningEmitted = true;
                LOG.warn("Worker {} (index {}) exceeded cpu threshold (will only log this once per worker)", id,
                        workerIndex(id));
            }
            Wire.integer(d.get().get("current_memory_usage")).ifPresent(mem -> w.memoryUsage = mem);
            if (w.understands(2, 19)) {
                sendTo(id, "heartbeat", null);
            }
        }
    }

    /** DIST-10: keep the last lines a worker sent (the whole buffer each time). */
    private void onLogs(String identity, String id, Object data) {
        Optional<Map<?, ?>> d = Wire.map(data);
        if (d.isEmpty() || !(d.get().get("logs") instanceof List<?> lines)) {
            senderLog.warnOnce(identity, "logs", "Malformed logs message from worker " + id + "; ignored");
            return;
        }
        workers.putLogs(d.get().get("worker_id") instanceof String w ? w : id, lines);
    }

    /** The last log lines each worker sent (DIST-10), by worker id, sorted. Workers that left are kept. */
    public Map<String, List<String>> workerLogs() {
        return workers.logs();
    }

    private void onWorkerReport(Events.ReportEvent e) {
        synchronized (lock) {
            if (!workers.everRegistered(e.clientId())) {
                LOG.info("Discarded report from unrecognized worker {}", SenderLog.printable(e.clientId()));
                return;
            }
        }
        Optional<String> error = wireStats.merge(e.clientId(), e.data());
        error.ifPresent(err -> senderLog.warnOnce(e.clientId(), "stats", "Bad stats report from worker " + e.clientId() + ": "
                + err));
        synchronized (lock) {
            WorkerNode w = workers.get(e.clientId()).orElse(null);
            if (w == null) {
                return; // a worker that left: its last stats count, its users no more
            }
            Wire.classCounts(e.data().get("user_classes_count")).ifPresent(c -> w.userClassesCount = c);
        }
    }

    // ---- heartbeats ---------------------------------------------------------------------------------------------

    private void heartbeatTick() {
        try {
            synchronized (lock) {
                tickLocked();
            }
        } catch (RuntimeException e) {
            LOG.error("heartbeat check failed: {}", e.toString(), e);
        }
    }

    private void tickLocked() {
        WorkerRegistry.Tick t = workers.tick(options.missingWorkerDeleteTicks());
        for (String id : t.wentMissing()) {
            LOG.info("Worker {} failed to send heartbeat, setting state to missing.", id);
            if (dispatcher != null) {
                dispatcher.removeWorker(id);
                if (options.enableRebalancing() && state == RunnerState.RUNNING && spawningCompleted) {
                    restart();
                }
            }
        }
        if (!t.wentMissing().isEmpty() && activeWorkerIds().isEmpty()) {
            LOG.info("The last worker went missing, stopping test.");
            InternalThreads.start("locust-master-stop", this::stop);
        }
        if (!t.deleted().isEmpty() && (state == RunnerState.RUNNING || state == RunnerState.SPAWNING)) {
            dispatcher = null;
            restart();
        }
    }

    // ---- running ------------------------------------------------------------------------------------------------

    private void restart() {
        startLocked(targetUserCount, spawnRate, Optional.empty());
    }

    @Override
    public void start(int userCount, double spawnRate) {
        start(userCount, spawnRate, List.of());
    }

    @Override
    public void start(int userCount, double rate, List<Class<? extends User>> userClasses) {
        if (userCount < 0 || !(rate > 0) || Double.isInfinite(rate)) {
            throw new LocustException("bad start: " + userCount + " users at " + rate + "/s");
        }
        userLimit.check("user count", userCount);
        if (quitting) {
            throw new LocustException("the runner has quit");
        }
        Optional<List<String>> names = userClasses.isEmpty() ? Optional.empty()
                : Optional.of(userClasses.stream().map(UserClasses::name).toList());
        synchronized (lock) {
            startLocked(userCount, rate, names);
        }
    }

    private void startLocked(int userCount, double rate, Optional<List<String>> classNames) {
        spawningCompleted = false;
        targetUserCount = userCount;
        List<String> active = activeWorkerIds();
        if (active.isEmpty()) {
            LOG.warn("You can't start a distributed test before at least one worker processes has connected");
            return;
        }
        spawnRate = rate;
        if (dispatcher == null) {
            dispatcher = new UsersDispatcher(active, currentClassSpecs(), this::lockSleep, System::nanoTime);
        }
        LOG.info(String.format(java.util.Locale.ROOT,
                "Sending spawn jobs of %d users at %.2f spawn rate to %d ready workers", userCount, rate,
                active.size()));
        if (rate / active.size() > 100) {
            LOG.warn("Your selected spawn rate is very high (>100/worker), and this is known to sometimes cause "
                    + "issues. Do you really need to ramp up that fast?");
        }
        if (state != RunnerState.RUNNING && state != RunnerState.SPAWNING) {
            env.requestStats().clearAll(); // Locust's clear_all: names of an earlier run disappear
            env.requestStats().clearExceptions();
            env.requestStats().start();
            usageMonitor.start();
            env.events().testStart().fire(new Events.EnvironmentEvent(env));
        }
        state = RunnerState.SPAWNING;
        dispatcher.newDispatch(userCount, rate, classNames);
        Thread old = rampThread;
        rampThread = InternalThreads.unstarted("locust-master-ramp", this::ramp);
        if (old != null) {
            old.interrupt();
        }
        rampThread.start();
        lock.notifyAll();
    }

    /** Waits between dispatch iterations without holding the lock (Python's gevent.sleep). */
    private void lockSleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (Thread.currentThread() != rampThread) {
                throw new InterruptedException("superseded");
            }
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
    }

    private void ramp() {
        Thread me = Thread.currentThread();
        Map<String, Map<String, Integer>> last = null;
        synchronized (lock) {
            try {
                while (true) {
                    if (rampThread != me || dispatcher == null) {
                        return;
                    }
                    Optional<Map<String, Map<String, Integer>>> d = dispatcher.next();
                    if (rampThread != me) {
                        return;
                    }
                    if (d.isEmpty()) {
                        break;
                    }
                    last = d.get();
                    last.forEach(this::sendSpawn);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
        int target = last == null ? targetUserCount
                : last.values().stream().flatMap(c -> c.values().stream()).mapToInt(Integer::intValue).sum();
        long deadline = System.nanoTime() + options.waitForReportsAfterRampUp().toNanos();
        String prefix = "All users spawned";
        while (userCount() != target) {
            if (System.nanoTime() > deadline) {
                prefix = "Spawning is complete and report waittime is expired, but not all reports received from "
                        + "workers";
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
        List<String> modern;
        synchronized (lock) {
            if (rampThread != me || state != RunnerState.SPAWNING) {
                return;
            }
            state = RunnerState.RUNNING;
            spawningCompleted = true;
            modern = workers.idsUnderstanding(2, 29);
        }
        env.events().spawningComplete().fire(new Events.SpawningCompleteEvent(env, target));
        for (String id : modern) {
            sendTo(id, "spawning_complete", Map.of("user_count", target));
        }
        Map<String, Integer> counts = userClassesCount();
        LOG.info("{}: {} ({} total users)", prefix, counts.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", ", "{", "}")),
                counts.values().stream().mapToInt(Integer::intValue).sum());
        if (env.resetStats()) {
            LOG.info("Resetting stats");
            env.requestStats().reset();
        }
    }

    /** Runs the environment's LoadTestShape on the master (LF-70..75): ticks every second, re-dispatches on change. */
    @Override
    public void startShape() {
        synchronized (lock) {
            Thread old = shapeThread;
            if (old != null) {
                old.interrupt();
            }
            shapeThread = ShapeDriver.start(this, env, () -> quitting, "locust-master-shape");
        }
    }

    @Override
    public void stop() {
        stop(true);
    }

    private void stop(boolean sendStop) {
        synchronized (lock) {
            if (state == RunnerState.READY || state == RunnerState.STOPPED || state == RunnerState.STOPPING) {
                return;
            }
            env.events().testStopping().fire(new Events.EnvironmentEvent(env));
            finalUserClassesCount = Collections.unmodifiableMap(userClassesCount());
            state = RunnerState.STOPPING;
            Thread sh = shapeThread;
            if (sh != null && sh != Thread.currentThread()) {
                sh.interrupt();
                shapeThread = null;
            }
            Thread r = rampThread;
            rampThread = null;
            if (r != null) {
                r.interrupt();
            }
            dispatcher = null;
            lock.notifyAll();
            if (sendStop) {
                for (String id : workers.ids()) {
                    sendTo(id, "stop", null);
                }
            }
        }
        if (sendStop && Thread.currentThread() != handlerThread) {
            long deadline = System.nanoTime() + env.stopTimeout().toNanos() + TimeUnit.SECONDS.toNanos(60);
            while (userCount() != 0) {
                if (System.nanoTime() > deadline) {
                    LOG.error("Timeout waiting for all workers to stop");
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        env.events().testStop().fire(new Events.EnvironmentEvent(env));
        synchronized (lock) {
            if (!sendStop) {
                state = RunnerState.STOPPED;
            }
            checkStopped();
        }
    }

    /** Python's check_stopped: stopped once every worker is back to ready (or none is active). */
    private void checkStopped() {
        if (state == RunnerState.READY || state == RunnerState.STOPPED) {
            return;
        }
        if ((state == RunnerState.STOPPING && workers.allReady()) || workers.noneActive()) {
            state = RunnerState.STOPPED;
        }
    }

    @Override
    public void quit() {
        synchronized (lock) {
            if (quitting) {
                return;
            }
            quitting = true;
        }
        stop(false);
        List<String> ids;
        synchronized (lock) {
            ids = workers.ids();
        }
        for (String id : ids) {
            LOG.debug("Sending quit message to worker {}", id);
            sendTo(id, "quit", null);
        }
        try {
            Thread.sleep(500); // the workers' final stats
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        usageMonitor.close();
        inbox.stop();
        try {
            if (Thread.currentThread() != handlerThread) {
                handlerThread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close(500);
        quitLatch.countDown();
    }

    /** Simulates a killed process (tests): the socket closes, nothing is sent to the workers. */
    void kill() {
        quitting = true;
        timers.shutdownNow();
        inbox.stop();
        channel.close(0);
        quitLatch.countDown();
    }

    @Override
    public void await() throws InterruptedException {
        quitLatch.await();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return quitLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether quit() was called. */
    public boolean hasQuit() {
        return quitLatch.getCount() == 0;
    }

    @Override
    public Environment environment() {
        return env;
    }

    @Override
    public RunnerState state() {
        return state;
    }

    @Override
    public int userCount() {
        synchronized (lock) {
            return workers.userCount();
        }
    }

    @Override
    public int maxUsers() {
        return userLimit.max();
    }

    @Override
    public int targetUserCount() {
        return targetUserCount;
    }

    @Override
    public Map<String, Integer> finalUserClassesCount() {
        return finalUserClassesCount;
    }

    @Override
    public Map<String, Integer> userClassesCount() {
        Map<String, Integer> m = new TreeMap<>();
        synchronized (lock) {
            for (UserClassSpec s : classSpecs) {
                m.put(s.name(), 0);
            }
            workers.addUserClassesCount(m);
        }
        return m;
    }

    @Override
    public void sendMessage(String type, Optional<Object> data) {
        List<String> ids;
        synchronized (lock) {
            ids = workers.ids();
        }
        for (String id : ids) {
            sendTo(id, type, data.orElse(null));
        }
    }

    @Override
    public void sendMessage(String type, Optional<Object> data, String clientId) {
        sendTo(clientId, type, data.orElse(null));
    }

    @Override
    public void registerMessage(String type, MessageHandler handler) {
        handlers.register(type, handler);
    }

    @Override
    public int workerIndex() {
        return 0;
    }

    @Override
    public double currentCpuUsage() {
        return usageMonitor.cpuUsage();
    }

    @Override
    public long currentMemoryUsage() {
        return usageMonitor.memoryUsage();
    }

    /** Whether any worker crossed the CPU threshold (RUN-61). */
    public boolean workerCpuWarningEmitted() {
        synchronized (lock) {
            return workerCpuWarningEmitted;
        }
    }

    /**
     * Waits for {@link MasterOptions#expectWorkers()} ready workers (RUN-30), logging each second; false when
     * {@link MasterOptions#expectWorkersMaxWait()} passed first.
     */
    public boolean awaitWorkers() throws InterruptedException {
        long start = System.nanoTime();
        long max = options.expectWorkersMaxWait().toNanos();
        while (true) {
            int n = workerCount();
            if (n >= options.expectWorkers()) {
                return true;
            }
            if (max > 0 && System.nanoTime() - start > max) {
                LOG.error("Gave up waiting for workers to connect");
                return false;
            }
            LOG.info("Waiting for workers to be ready, {} of {} connected", n, options.expectWorkers());
            long leftMillis = max > 0 ? (max - (System.nanoTime() - start)) / 1_000_000 : 1000;
            Thread.sleep(Math.min(1000, Math.max(10, leftMillis)));
        }
    }
}
