package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.LocustException;
import dev.locustj.core.Message;
import dev.locustj.core.MessageHandler;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.StopTest;
import dev.locustj.core.User;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs users in this process, one virtual thread each (Locust's LocalRunner; RUN-01..21, RUN-30..34). Also the
 * user-running engine of a worker: {@link #applyCounts(Map)} sets absolute per-class user counts at once.
 */
public final class LocalRunner implements Runner {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");

    /** How long interrupted users get to end before they are abandoned (default 2 s). */
    static final Duration KILL_GRACE = Duration.ofMillis(Long.getLong("locustj.user.killGraceMillis", 2000L));

    private final DefaultEnvironment env;
    private final Object lock = new Object();
    private final List<UserRuntime> users = new ArrayList<>(); // spawn order, for LIFO stops
    private final Map<String, Class<? extends User>> classesByName = new LinkedHashMap<>();
    private final MessageHandlers handlers = new MessageHandlers();
    private final CountDownLatch quitLatch = new CountDownLatch(1);
    private final AtomicLong userIds = new AtomicLong();
    private final AtomicLong iterationsStarted = new AtomicLong();
    private final UsageMonitor usageMonitor;
    private final UserLimit userLimit;
    private volatile RunnerState state = RunnerState.READY;
    private volatile int targetUserCount;
    private volatile Thread spawner;
    private volatile Thread shapeThread;
    private volatile boolean iterationLimitReached;
    private volatile boolean quitting;
    private volatile boolean spawnFailed;
    private volatile List<Class<? extends User>> activeClasses;
    private volatile Map<String, Integer> finalUserClassesCount = Map.of();

    LocalRunner(DefaultEnvironment env) {
        this.env = env;
        for (Class<? extends User> c : env.userClasses()) {
            String name = UserClasses.name(c);
            if (classesByName.put(name, c) != null) {
                throw new ConfigurationException("two user classes are named " + name);
            }
        }
        this.activeClasses = List.copyOf(env.userClasses());
        env.requestStats().userCountSupplier(this::userCount);
        // Locust skips history samples while ready or stopped (OUT-47)
        env.requestStats().historyCondition(() -> state != RunnerState.READY && state != RunnerState.STOPPED);
        this.usageMonitor = new UsageMonitor(env, Duration.ofSeconds(5));
        this.userLimit = UserLimit.of(env.options(), UserLimit.BYTES_PER_USER);
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
    public void start(int userCount, double spawnRate) {
        start(userCount, spawnRate, List.of());
    }

    @Override
    public void start(int userCount, double spawnRate, List<Class<? extends User>> userClasses) {
        if (userCount < 0) {
            throw new ConfigurationException("user count must be >= 0, got " + userCount);
        }
        userLimit.check("user count", userCount);
        if (!(spawnRate > 0) || Double.isInfinite(spawnRate)) {
            throw new ConfigurationException("spawn rate must be > 0, got " + spawnRate);
        }
        if (quitting) {
            throw new LocustException("the runner has quit");
        }
        List<Class<? extends User>> classes = userClasses.isEmpty() ? env.userClasses() : List.copyOf(userClasses);
        for (Class<? extends User> c : classes) {
            if (!env.userClasses().contains(c)) {
                throw new ConfigurationException("unknown user class " + c.getName());
            }
        }
        if (spawnRate > 100) {
            LOG.warn("Your selected spawn rate is very high (>100), and this is known to sometimes cause issues. "
                    + "Do you really need to ramp up that fast?");
        }
        synchronized (lock) {
            if (state == RunnerState.READY || state == RunnerState.STOPPED) {
                beginTest();
            }
            Thread old = spawner;
            if (old != null) {
                old.interrupt();
            }
            activeClasses = classes;
            targetUserCount = userCount;
            env.applyHostToClasses(); // Locust copies --host onto the classes at every start (LF-81)
            state = RunnerState.SPAWNING;
            LOG.info(String.format(java.util.Locale.ROOT, "Ramping to %d users at a rate of %.2f per second",
                    userCount, spawnRate));
            SpawnOrder order = spawnOrder(classes);
            spawner = InternalThreads.start("locust-spawner", () -> ramp(order, userCount, spawnRate));
        }
    }

    private void beginTest() {
        spawnFailed = false;
        env.requestStats().clearAll(); // Locust's clear_all: names of an earlier run disappear
        env.requestStats().clearExceptions();
        env.requestStats().start();
        usageMonitor.start();
        iterationsStarted.set(0);
        iterationLimitReached = false;
        env.events().testStart().fire(new Events.EnvironmentEvent(env));
    }

    private SpawnOrder spawnOrder(List<Class<? extends User>> classes) {
        List<SpawnOrder.ClassSpec> specs = new ArrayList<>();
        for (Class<? extends User> c : classes) {
            if (env.taskModel(c).isEmpty()) {
                LOG.warn("{} has no tasks left after tag filtering; it is not spawned", UserClasses.name(c));
                continue;
            }
            specs.add(new SpawnOrder.ClassSpec(UserClasses.name(c), env.weight(c), env.fixedCount(c)));
        }
        if (specs.isEmpty()) {
            throw new ConfigurationException("no user class has tasks to run (check --tags/--exclude-tags)");
        }
        if (specs.stream().allMatch(s -> s.weight() == 0 && s.fixedCount() == 0)) {
            throw new ConfigurationException("no users with weight > 0");
        }
        return new SpawnOrder(specs);
    }

    /** The ramp (RUN-10/11): steps of max(1, floor(rate)) users, step/rate seconds apart. */
    private void ramp(SpawnOrder order, int target, double rate) {
        int step = Math.max(1, (int) Math.floor(rate));
        long interval = (long) (step / rate * 1e9);
        if (target < order.fixedTotal()) {
            LOG.warn("The user count ({}) is smaller than the sum of fixed counts ({}); not all will be spawned",
                    target, order.fixedTotal());
        }
        int reachable = order.canSpawnBeyondFixed() ? target : Math.min(target, order.fixedTotal());
        int current = userCount();
        long next = System.nanoTime();
        try {
            while (true) {
                int k = current < reachable ? Math.min(reachable, current + step) : Math.max(reachable, current - step);
                applyCounts(order.counts(k));
                current = k;
                if (spawnFailed) {
                    return;
                }
                if (current == reachable) {
                    break;
                }
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                if (Thread.currentThread().isInterrupted() || quitting) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            return; // replaced by a newer ramp, or stopped
        }
        synchronized (lock) {
            if (spawner != Thread.currentThread() || quitting) {
                return;
            }
            state = RunnerState.RUNNING;
        }
        Map<String, Integer> counts = userClassesCount();
        LOG.info("All users spawned: {} ({} total users)", json(counts), userCount());
        env.events().spawningComplete().fire(new Events.SpawningCompleteEvent(env, userCount()));
        if (env.resetStats()) {
            LOG.info("Resetting stats");
            env.requestStats().reset();
        }
    }

    private static String json(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Sets the running users to these absolute per-class counts at once: new users first, then the most recent
     * surplus users are stopped (RUN-12). A worker applies the master's spawn messages with it.
     */
    public void applyCounts(Map<String, Integer> wanted) {
        List<UserRuntime> toStop = new ArrayList<>();
        synchronized (lock) {
            if (quitting) {
                return;
            }
            if (state == RunnerState.READY || state == RunnerState.STOPPED) {
                beginTest();
                state = RunnerState.SPAWNING;
            }
            Map<String, Integer> have = countsLocked();
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                Class<? extends User> c = classesByName.get(e.getKey());
                if (c == null) {
                    LOG.warn("unknown user class {} asked for; ignored", e.getKey());
                    continue;
                }
                int missing = e.getValue() - have.getOrDefault(e.getKey(), 0);
                for (int i = 0; i < missing && !spawnFailed; i++) {
                    try {
                        spawnLocked(c);
                    } catch (RuntimeException x) { // a constructor or static initializer threw
                        spawnFailed(x);
                    }
                }
            }
            for (Map.Entry<String, Integer> e : have.entrySet()) {
                int surplus = e.getValue() - wanted.getOrDefault(e.getKey(), 0);
                for (int i = users.size() - 1; i >= 0 && surplus > 0; i--) {
                    UserRuntime r = users.get(i);
                    if (UserClasses.name(r.user().getClass()).equals(e.getKey())) {
                        users.remove(i);
                        toStop.add(r);
                        surplus--;
                    }
                }
            }
        }
        if (!toStop.isEmpty()) {
            stopUsers(toStop);
        }
    }

    /**
     * A user could not be created: like Locust's spawning greenlet dying, one error line, no more spawning in this
     * test, and exit code 2 (unhandled error) unless the users recorded errors.
     */
    private void spawnFailed(RuntimeException e) {
        spawnFailed = true;
        LOG.error("Unhandled exception in the spawner: {}", e.getMessage());
        LOG.debug("spawner failure", e);
        env.defaultEvents().flagUnhandledError();
    }

    private void spawnLocked(Class<? extends User> c) {
        long id = userIds.incrementAndGet();
        String host = env.userHost(c);
        UserRuntime runtime = new UserRuntime(env, host, id);
        User user = UserRuntime.construct(c, runtime);
        UserLoop loop = new UserLoop(this, env, runtime, env.classState(c));
        users.add(runtime);
        assert user == runtime.user();
        loop.start();
    }

    /**
     * Stops users: gracefully within the stop timeout, then by interrupting them (RUN-20/21). Blocks until they
     * ended, or until none ended for {@link #KILL_GRACE} (a tenth of it while the JVM exits): a user whose task never
     * blocks cannot be interrupted, so it is abandoned with a warning naming its class and task.
     */
    private void stopUsers(List<UserRuntime> list) {
        Duration timeout = env.stopTimeout();
        List<UserRuntime> left = list;
        if (timeout.isZero()) {
            list.forEach(UserRuntime::kill);
        } else {
            list.forEach(UserRuntime::requestStop);
            left = awaitEnd(list, System.nanoTime() + timeout.toNanos());
            if (left.isEmpty()) {
                return;
            }
            LOG.info("Not all users finished their tasks & terminated in {} seconds. Killing them...",
                    timeout.toSeconds());
            left.forEach(UserRuntime::kill);
        }
        Duration grace = JvmExit.inProgress() ? KILL_GRACE.dividedBy(10) : KILL_GRACE;
        int before;
        do { // many users may need more than one grace to run on_stop; give up only when none ends in a grace
            before = left.size();
            left = awaitEnd(left, System.nanoTime() + grace.toNanos());
        } while (!left.isEmpty() && left.size() < before);
        if (!left.isEmpty()) {
            LOG.warn(AbandonedUsers.describe(left, timeout, grace));
        }
    }

    /** Waits for the users to end until {@code deadline} (nanoTime); returns those still running. */
    private static List<UserRuntime> awaitEnd(List<UserRuntime> list, long deadline) {
        List<UserRuntime> running = new ArrayList<>();
        for (UserRuntime r : list) {
            try {
                if (!r.awaitEnd(Math.max(0, deadline - System.nanoTime()))) {
                    running.add(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.add(r);
            }
        }
        return running;
    }

    /** Called by a user's thread when it ends (for whatever reason). */
    void userEnded(UserRuntime runtime) {
        boolean last;
        synchronized (lock) {
            users.remove(runtime);
            last = users.isEmpty();
        }
        if (last && iterationLimitReached && !quitting) {
            LOG.info("Iteration limit of {} reached, all users stopped", env.iterations());
            InternalThreads.start("locust-quit", this::quit);
        }
    }

    /** Counts one task iteration against {@code -i}; false when the limit is reached (the user stops). */
    boolean takeIteration() {
        long limit = env.iterations();
        if (limit <= 0) {
            return true;
        }
        if (iterationsStarted.incrementAndGet() <= limit) {
            return true;
        }
        iterationLimitReached = true;
        return false;
    }

    /** A user raised StopTest (LF-53): headless quits, otherwise stops. */
    void stopTestFromUser(StopTest e) {
        LOG.info("StopTest raised: {}", e.getMessage());
        InternalThreads.start("locust-stop-test", () -> {
            if (ShapeDriver.headless(env)) {
                quit();
            } else {
                stop();
            }
        });
    }

    @Override
    public void startShape() {
        synchronized (lock) {
            Thread old = shapeThread;
            if (old != null) {
                old.interrupt();
            }
            if (state == RunnerState.READY || state == RunnerState.STOPPED) {
                beginTest();
                state = RunnerState.SPAWNING;
            }
            shapeThread = ShapeDriver.start(this, env, () -> quitting, "locust-shape");
        }
    }

    @Override
    public void stop() {
        List<UserRuntime> toStop;
        synchronized (lock) {
            if (state == RunnerState.STOPPED || state == RunnerState.READY) {
                return;
            }
            env.events().testStopping().fire(new Events.EnvironmentEvent(env));
            finalUserClassesCount = Collections.unmodifiableMap(countsLocked());
            Thread s = spawner;
            if (s != null) {
                s.interrupt();
                spawner = null;
            }
            Thread sh = shapeThread;
            if (sh != null && sh != Thread.currentThread()) {
                sh.interrupt();
                shapeThread = null;
            }
            state = RunnerState.CLEANUP;
            toStop = new ArrayList<>(users);
            Collections.reverse(toStop);
            users.clear();
        }
        stopUsers(toStop);
        synchronized (lock) {
            state = RunnerState.STOPPED;
        }
        usageMonitor.logSummary();
        env.events().testStop().fire(new Events.EnvironmentEvent(env));
    }

    @Override
    public void quit() {
        synchronized (lock) {
            if (quitting) {
                return;
            }
            quitting = true;
        }
        Thread sh = shapeThread;
        if (sh != null && sh != Thread.currentThread()) {
            sh.interrupt();
        }
        quittingStop();
        usageMonitor.close();
        quitLatch.countDown();
    }

    private void quittingStop() {
        // stop() checks 'quitting' nowhere, so it runs fully even though quit() set the flag.
        stop();
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
    public int userCount() {
        synchronized (lock) {
            return users.size();
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
    public Map<String, Integer> userClassesCount() {
        synchronized (lock) {
            return Collections.unmodifiableMap(countsLocked());
        }
    }

    @Override
    public Map<String, Integer> finalUserClassesCount() {
        return finalUserClassesCount;
    }

    private Map<String, Integer> countsLocked() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Class<? extends User> c : activeClasses) {
            counts.put(UserClasses.name(c), 0);
        }
        for (UserRuntime r : users) {
            counts.merge(UserClasses.name(r.user().getClass()), 1, Integer::sum);
        }
        return counts;
    }

    /** The user classes by Locust name. */
    public Map<String, Class<? extends User>> userClassesByName() {
        return Collections.unmodifiableMap(classesByName);
    }

    @Override
    public void sendMessage(String type, Optional<Object> data) {
        MessageHandler h = handlers.get(type).orElse(null);
        if (h == null) {
            LOG.warn("Unknown message type received: {}", type);
            return;
        }
        h.handle(env, new Message(type, data, "local"));
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
}
