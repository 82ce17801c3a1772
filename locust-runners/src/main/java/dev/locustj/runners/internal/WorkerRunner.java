package dev.locustj.runners.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LocustException;
import dev.locustj.core.Message;
import dev.locustj.core.MessageHandler;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.InternalThreads;
import dev.locustj.core.internal.MessageHandlers;
import dev.locustj.core.internal.LocalRunner;
import dev.locustj.core.spi.LocalHostName;
import dev.locustj.core.spi.LogCapture;
import dev.locustj.runners.WorkerOptions;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.EncodeException;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import dev.locustj.runners.internal.transport.Inbound;
import dev.locustj.runners.internal.transport.ZmqChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker (protocol §4, §5, checklist §12.1): a DEALER to the master; users run in a {@link LocalRunner} used as
 * an engine, which applies the master's absolute per-class counts. Threads: the socket's I/O thread (decode and
 * hand off), one handler thread, one timer thread (heartbeat, stats, connect retries, master watchdog) and one
 * spawn thread (applies counts and stops, which may block for the stop timeout).
 */
public final class WorkerRunner implements Runner {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");
    private static final int MAX_NEW_LOG_LINES = 70;
    /** The key a Java master adds to its {@code ack} to say it takes {@code logs} (Python workers ignore it). */
    static final String ACK_TAKES_LOGS = "takes_logs";
    /** The key of a Java master's {@code reconnect} asking this worker to register again (Python workers ignore it). */
    static final String RECONNECT_REGISTER = "register";

    private final DefaultEnvironment env;
    private final WorkerOptions options;
    private final String nodeId;
    private final Object version;
    private final LocalRunner engine;
    private final WireStats wireStats;
    private final ZmqChannel channel;
    private final Inbox<WireMessage> inbox = new Inbox<>();
    private final MessageHandlers handlers = new MessageHandlers();
    private final ScheduledExecutorService timers;
    private final ExecutorService spawner;
    private final Thread handlerThread;
    private final CountDownLatch quitLatch = new CountDownLatch(1);
    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile RunnerState state = RunnerState.READY;
    private volatile int workerIndex = -1;
    private volatile boolean acked;
    private volatile boolean loopsStarted;
    private volatile boolean quitting;
    private volatile int connectTries;
    private volatile long lastMasterHeartbeat; // nanoTime; 0 until the first one
    private volatile double lastSpawnTimestamp;
    private volatile int targetUserCount;
    private volatile boolean heartbeatsPaused;
    private volatile boolean masterTakesLogs; // the master proved it is >= 2.29 (it sent spawning_complete)
    private long logsSeen; // LogCapture.appended() at the last logs tick (timer thread only)
    private boolean logsUnsent; // lines arrived that the master has not got yet (timer thread only)
    private boolean logsStopped; // timer thread only

    /** Creates the worker and starts connecting to the master. */
    public WorkerRunner(DefaultEnvironment env, WorkerOptions options) {
        this.env = env;
        this.options = options;
        this.nodeId = options.nodeId().orElseGet(WorkerRunner::defaultNodeId);
        this.version = options.version().<Object>map(v -> v).orElse(-1L);
        this.engine = env.createUserEngine();
        this.wireStats = new WireStats(env.requestStats());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "locust-worker-timers"));
        this.spawner = Executors.newSingleThreadExecutor(r -> daemon(r, "locust-worker-spawner"));
        this.channel = ZmqChannel.dealer(options.masterHost(), options.masterPort(), nodeId, this::onInbound,
                this::transportFailed);
        env.events().userError().add(this::onUserError);
        env.events().quitting().add(e -> quit()); // Locust's on_quitting: say goodbye to the master (RUN-53)
        if (!options.logsInterval().isZero()) {
            LogCapture.install();
        }
        this.handlerThread = daemon(this::handleLoop, "locust-worker");
        handlerThread.start();
        connect();
    }

    /** The socket can no longer receive or send (a ZeroMQ thread died): the worker quits with exit code 1. */
    private void transportFailed(Throwable e) {
        LOG.error("The worker lost its connection to the master ({}); quitting.", e.toString());
        if (env.processExitCode().isEmpty()) {
            env.processExitCode(1);
        }
        daemon(this::quit, "locust-worker-failed").start();
    }

    private static Thread daemon(Runnable r, String name) {
        return InternalThreads.unstarted(name, r);
    }

    /** Locust's node id: {@code <hostname>_<32 lowercase hex>} (protocol §2). */
    static String defaultNodeId() {
        String host = LocalHostName.get().replace("_", "-");
        return (host.isEmpty() ? "localhost" : host) + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** This worker's node id (and ZeroMQ identity). */
    public String nodeId() {
        return nodeId;
    }

    /** Waits until the master acknowledged this worker; true if it did in time. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---- connection ---------------------------------------------------------------------------------------------

    private void connect() {
        connectTries = 0;
        sendClientReady();
        // With JeroMQ, a DEALER that connects at the same moment as another one now and then never gets its
        // connection through (seen in about 1 of 20 raw-socket trials: nothing it sends arrives). So after a second
        // without an ack, recreate the socket (same identity) and ask again, silently.
        long early = Math.min(TimeUnit.SECONDS.toNanos(1), options.connectTimeout().toNanos() / 2);
        timers.schedule(() -> {
            if (!acked && !quitting) {
                channel.reconnect();
                send("client_ready", version);
            }
        }, early, TimeUnit.NANOSECONDS);
        timers.schedule(this::checkConnected, options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendClientReady() {
        connectTries++;
        send("client_ready", version);
    }

    private void checkConnected() {
        if (acked || quitting) {
            return;
        }
        if (connectTries >= options.connectRetries()) {
            LOG.error("Failed to connect to the Locust master: {}:{}", options.masterHost(), options.masterPort());
            if (env.processExitCode().isEmpty()) {
                env.processExitCode(-1);
            }
            InternalThreads.start("locust-worker-quit", this::quit);
            return;
        }
        // like Locust: quiet while a master started at the same time comes up (30 s), then at INFO
        boolean early = connectTries * options.connectTimeout().toNanos() < TimeUnit.SECONDS.toNanos(30);
        String text = String.format("Failed to connect to master %s:%s, retry %d/%d.", options.masterHost(),
                options.masterPort(), connectTries, options.connectRetries());
        if (early) {
            LOG.debug(text);
        } else {
            LOG.info(text);
        }
        channel.reconnect(); // a fresh socket (same identity) in case this one is wedged
        sendClientReady();
        timers.schedule(this::checkConnected, options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void startLoops() {
        if (loopsStarted) {
            return;
        }
        loopsStarted = true;
        long hb = options.heartbeatInterval().toNanos();
        timers.scheduleAtFixedRate(InternalThreads.guarded("locust-worker-timers", this::heartbeat), 0, hb,
                TimeUnit.NANOSECONDS);
        timers.scheduleAtFixedRate(InternalThreads.guarded("locust-worker-timers", this::sendStatsSafely), 0,
                options.statsInterval().toNanos(), TimeUnit.NANOSECONDS);
        long logs = options.logsInterval().toNanos();
        if (logs > 0) {
            logsUnsent = LogCapture.appended() > 0; // the lines before the connection go out too
            logsSeen = LogCapture.appended();
            timers.scheduleAtFixedRate(InternalThreads.guarded("locust-worker-timers", this::logsTick), logs, logs,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void heartbeat() {
        if (quitting || heartbeatsPaused) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", switch (state) {
            case SPAWNING -> "spawning";
            case RUNNING -> "running";
            default -> "ready";
        });
        data.put("current_cpu_usage", engine.currentCpuUsage());
        data.put("current_memory_usage", engine.currentMemoryUsage());
        send("heartbeat", data);
        long last = lastMasterHeartbeat;
        if (last != 0 && System.nanoTime() - last > options.masterHeartbeatTimeout().toNanos()) {
            LOG.error("Didn't get heartbeat from master in over {}s, quitting",
                    options.masterHeartbeatTimeout().toSeconds());
            lastMasterHeartbeat = 0;
            if (env.processExitCode().isEmpty()) {
                env.processExitCode(1);
            }
            InternalThreads.start("locust-worker-quit", this::quit);
        }
    }

    /**
     * DIST-10: like Locust ≥2.29's logs reporter, sends the whole buffer (≤500 lines) when lines were added since
     * the last tick; when more than {@value #MAX_NEW_LOG_LINES} arrived in one interval it warns, sends one last time
     * and stops for good. (Locust compares buffer lengths, so it also stops once its buffer is full; this counts the
     * lines appended instead.) The
     * worker can't ask the master's version, so it only sends to a master that said so in its {@code ack} (a Java
     * master) or proved to be ≥2.29 by sending {@code spawning_complete} (a 2.12 master would warn about every
     * {@code logs} message); lines written before that are kept and sent on the first tick after it.
     */
    private void logsTick() {
        if (quitting || logsStopped) {
            return;
        }
        long now = LogCapture.appended();
        long fresh = now - logsSeen;
        logsSeen = now;
        logsUnsent |= fresh > 0;
        if (!logsUnsent || !masterTakesLogs) {
            return;
        }
        if (fresh > MAX_NEW_LOG_LINES) { // like Locust: warn, send one last time (with the warning), stop
            logsStopped = true;
            LOG.warn("The worker attempted to send more than {} log lines in one interval. Further log sending was "
                    + "disabled for this worker.", MAX_NEW_LOG_LINES);
        }
        logsSeen = LogCapture.appended();
        logsUnsent = false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("worker_id", nodeId);
        data.put("logs", LogCapture.lines());
        send("logs", data);
    }

    private void sendStatsSafely() {
        try {
            sendStats();
        } catch (RuntimeException e) {
            LOG.error("could not send stats: {}", e.toString());
        }
    }

    private void sendStats() {
        Map<String, Object> data = new LinkedHashMap<>(wireStats.takeReport());
        data.put("user_classes_count", engine.userClassesCount());
        data.put("user_count", engine.userCount());
        env.events().reportToMaster().fire(new Events.ReportEvent(env, nodeId, data));
        send("stats", data);
    }

    private void send(String type, Object data) {
        try {
            channel.send("", MsgpackCodec.encode(new WireMessage(type, data, nodeId)));
        } catch (EncodeException e) {
            LOG.error("cannot send {} to the master: {}", type, e.getMessage());
        }
    }

    // ---- receiving ----------------------------------------------------------------------------------------------

    private void onInbound(Inbound in) {
        switch (MsgpackCodec.decode(in.payload())) {
            case DecodeResult.Ok ok -> inbox.add(ok.message());
            case DecodeResult.Error err -> LOG.error("Corrupt message from master: {}", err.reason());
        }
    }

    private void handleLoop() {
        inbox.run(this::handle, m -> m.type() + " from master", LOG);
    }

    private void handle(WireMessage m) {
        switch (m.type()) {
            case "ack" -> {
                Wire.map(m.data()).flatMap(d -> Wire.integer(d.get("index")))
                        .ifPresent(i -> workerIndex = i.intValue());
                if (Wire.map(m.data()).map(d -> Boolean.TRUE.equals(d.get(ACK_TAKES_LOGS))).orElse(false)) {
                    masterTakesLogs = true; // a Java master: logs from the first tick, as Locust's worker sends them
                }
                if (!acked) {
                    acked = true;
                    LOG.info("Connected to master {}:{} as worker {} (index {})", options.masterHost(),
                            options.masterPort(), nodeId, workerIndex);
                }
                connected.countDown();
                startLoops();
            }
            case "spawn" -> onSpawn(m.data());
            case "stop" -> spawner.execute(this::onStop);
            case "quit" -> {
                LOG.info("Got quit message from master, shutting down...");
                InternalThreads.start("locust-worker-quit", this::quit);
            }
            case "reconnect" -> {
                LOG.warn("Received reconnect message from master. Resetting RPC connection.");
                channel.reconnect();
                if (Wire.map(m.data()).map(d -> Boolean.TRUE.equals(d.get(RECONNECT_REGISTER))).orElse(false)) {
                    send("client_ready", version); // a restarted master that does not know this worker (ASK-06)
                }
            }
            case "heartbeat" -> lastMasterHeartbeat = System.nanoTime();
            case "spawning_complete" -> {
                masterTakesLogs = true;
                int n = Wire.map(m.data()).flatMap(d -> Wire.integer(d.get("user_count"))).orElse(0L).intValue();
                env.events().spawningComplete().fire(new Events.SpawningCompleteEvent(env, n));
                if (env.resetStats()) {
                    LOG.info("Resetting stats");
                    env.requestStats().reset();
                }
            }
            case "update_user_class" -> onUpdateUserClass(m.data());
            default -> {
                MessageHandler h = handlers.get(m.type()).orElse(null);
                if (h == null) {
                    LOG.warn("Unknown message type received: {}", m.type());
                } else {
                    h.handle(env, new Message(m.type(), Optional.ofNullable(m.data()), m.nodeId()));
                }
            }
        }
    }

    /**
     * DIST-11: the master's {@code update_user_class}, applied like {@code Environment.updateUserClass}. Keys this
     * build does not know (a newer master) are logged and skipped; a bad value or unknown class/task is logged.
     */
    private void onUpdateUserClass(Object data) {
        Optional<Map<?, ?>> d = Wire.map(data);
        if (d.isEmpty()) {
            LOG.warn("Malformed update_user_class message from master; ignored");
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        d.get().forEach((k, v) -> settings.put(String.valueOf(k), v));
        List<String> unknown = UserClassSettings.unknownKeys(settings);
        if (!unknown.isEmpty()) {
            LOG.warn("update_user_class: ignoring settings this worker cannot apply: {}", unknown);
        }
        try {
            env.applyUserClassSettings(UserClassSettings.fromMap(settings, false));
        } catch (LocustException e) {
            LOG.warn("update_user_class from master not applied: {}", e.getMessage());
        }
    }

    private void onSpawn(Object data) {
        send("spawning", null);
        Optional<Map<?, ?>> job = Wire.map(data);
        Optional<Double> ts = job.flatMap(j -> Wire.number(j.get("timestamp")));
        Optional<Map<String, Integer>> counts = job.flatMap(j -> Wire.classCounts(j.get("user_classes_count")));
        if (ts.isEmpty() || counts.isEmpty()) {
            LOG.error("Malformed spawn message from master; ignored");
            return;
        }
        if (ts.get() <= lastSpawnTimestamp) {
            LOG.info("Discard spawn message with older or equal timestamp than timestamp of previous spawn message");
            return;
        }
        lastSpawnTimestamp = ts.get();
        Map<?, ?> j = job.get();
        env.host(j.get("host") instanceof String h ? h : null);
        env.applyHostToClasses(); // Locust's worker copies the spawn's host onto the classes (LF-81)
        Wire.number(j.get("stop_timeout")).ifPresentOrElse(
                s -> env.stopTimeout(Duration.ofNanos((long) (Math.max(0, s) * 1e9))),
                () -> env.stopTimeout(Duration.ZERO));
        applyTags(j.get("parsed_options"));
        applyCustomOptions(j.get("parsed_options"));
        Map<String, Integer> wanted = counts.get();
        targetUserCount = wanted.values().stream().mapToInt(Integer::intValue).sum();
        state = RunnerState.SPAWNING;
        spawner.execute(() -> applyCounts(wanted));
    }

    /**
     * LF-58: the master's {@code tags}/{@code exclude_tags} (parsed_options; nil or absent-as-nil means no filter,
     * like Locust's worker which copies parsed_options over its own) replace the worker's own when they differ.
     * Applied before the users of this spawn are created; running users pick from the new tasks from their next one.
     */
    private void applyTags(Object parsedOptions) {
        if (!(parsedOptions instanceof Map<?, ?> po) || !(po.containsKey("tags") || po.containsKey("exclude_tags"))) {
            return;
        }
        Set<String> tags = tagSet(po.get("tags"));
        Set<String> exclude = tagSet(po.get("exclude_tags"));
        if (!tags.equals(env.tags()) || !exclude.equals(env.excludeTags())) {
            LOG.info("Applying the master's tags {} and exclude-tags {}", tags, exclude);
            env.retag(tags, exclude);
        }
    }

    /**
     * DIST-02, CFG-04: the master's values of the options this worker's code declared replace the worker's own in
     * {@link DefaultEnvironment#options()}, before the users of this spawn are created (Locust's worker copies every
     * non-default parsed option over its own). An option the master does not send keeps its value; one it sends as
     * nil loses it. A value that does not fit the option's type is logged and the worker keeps its own values.
     */
    private void applyCustomOptions(Object parsedOptions) {
        if (!(parsedOptions instanceof Map<?, ?> po) || env.customOptions().isEmpty()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var c : env.customOptions()) {
            if (po.containsKey(c.dest())) {
                values.put(c.dest(), po.get(c.dest()));
            }
        }
        try {
            Set<String> changed = env.updateCustomOptions(values);
            if (!changed.isEmpty()) {
                LOG.debug("custom options from the master: {}", changed);
            }
        } catch (LocustException e) {
            LOG.warn("custom options from the master not applied: {}", e.getMessage());
        }
    }

    private static Set<String> tagSet(Object v) {
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof List<?> l) {
            l.forEach(t -> out.add(String.valueOf(t)));
        } else if (v instanceof String str && !str.isBlank()) {
            out.add(str); // defensive: a single tag sent as a string
        }
        return out;
    }

    private void applyCounts(Map<String, Integer> wanted) {
        if (quitting) {
            return;
        }
        engine.applyCounts(wanted);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_classes_count", engine.userClassesCount());
        data.put("user_count", engine.userCount());
        send("spawning_complete", data);
        state = RunnerState.RUNNING;
    }

    private void onStop() {
        if (quitting) {
            return;
        }
        engine.stop();
        send("client_stopped", null);
        long waitNanos = env.stopTimeout().toNanos() + additionalWaitAfterStop().toNanos();
        try {
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
        } catch (InterruptedException e) {
            return;
        }
        sendClientReady();
        state = RunnerState.READY;
    }

    private static Duration additionalWaitAfterStop() {
        String s = System.getenv("LOCUST_WORKER_ADDITIONAL_WAIT_BEFORE_READY_AFTER_STOP");
        try {
            return s == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private void onUserError(Events.UserErrorEvent e) {
        Throwable t = e.exception();
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String trace = sw.toString();
        int nl = trace.indexOf('\n');
        String frames = nl < 0 ? "" : trace.substring(nl + 1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("msg", t.getMessage() == null ? t.toString() : t.getMessage());
        data.put("traceback", frames);
        send("exception", data);
    }

    // ---- Runner -------------------------------------------------------------------------------------------------

    @Override
    public Environment environment() {
        return env;
    }

    @Override
    public RunnerState state() {
        return state;
    }

    @Override
    public void start(int userCount, double spawnRate) {
        throw new LocustException("a worker's users are started by the master");
    }

    @Override
    public void start(int userCount, double spawnRate, List<Class<? extends User>> userClasses) {
        start(userCount, spawnRate);
    }

    @Override
    public void startShape() {
        throw new LocustException("a worker's load shape runs on the master");
    }

    @Override
    public void stop() {
        spawner.execute(engine::stop);
    }

    @Override
    public void quit() {
        synchronized (this) {
            if (quitting) {
                return;
            }
            quitting = true;
        }
        spawner.shutdownNow();
        engine.quit();
        state = RunnerState.STOPPED;
        if (acked) {
            sendStatsSafely();
        }
        send("quit", null);
        timers.shutdownNow();
        inbox.stop();
        channel.close(1000);
        quitLatch.countDown();
    }

    /** Behaves as under a master whose ack did not say it takes logs (tests: a Python master ≥2.29). */
    void forgetThatTheMasterTakesLogs() {
        masterTakesLogs = false;
    }

    /** Stops or resumes sending heartbeats (tests: a worker that goes silent and comes back). */
    void pauseHeartbeats(boolean paused) {
        heartbeatsPaused = paused;
    }

    /** Simulates a killed process (tests): the socket closes without a goodbye, users stop, nothing more is sent. */
    void kill() {
        quitting = true;
        timers.shutdownNow();
        spawner.shutdownNow();
        inbox.stop();
        channel.close(0);
        engine.quit();
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

    @Override
    public int userCount() {
        return engine.userCount();
    }

    @Override
    public int targetUserCount() {
        return targetUserCount;
    }

    @Override
    public Map<String, Integer> userClassesCount() {
        return engine.userClassesCount();
    }

    @Override
    public Map<String, Integer> finalUserClassesCount() {
        return engine.finalUserClassesCount();
    }

    @Override
    public void sendMessage(String type, Optional<Object> data) {
        send(type, data.orElse(null));
    }

    @Override
    public void sendMessage(String type, Optional<Object> data, String clientId) {
        sendMessage(type, data);
    }

    @Override
    public void registerMessage(String type, MessageHandler handler) {
        handlers.register(type, handler);
    }

    @Override
    public int workerIndex() {
        return workerIndex;
    }

    @Override
    public double currentCpuUsage() {
        return engine.currentCpuUsage();
    }

    @Override
    public long currentMemoryUsage() {
        return engine.currentMemoryUsage();
    }
}
