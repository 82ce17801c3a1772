package dev.locustj.core.internal.dispatch;

import dev.locustj.core.LocustException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Locust's {@code UsersDispatcher} (DIST-20..24, protocol §6.4): spreads users over workers, one dispatch iteration
 * at a time, so that the master can send every worker its absolute per-class target. Reproduces Locust 2.12.1's
 * distribution: classes sorted by name, fixed-count classes first, weighted classes by a smooth weighted
 * round-robin; workers ordered by (index within their host, id) and used round-robin across iterations; ramp-up
 * and ramp-down in steps of {@code max(1, floor(rate))} users paced {@code step / rate} seconds apart; ramp-down
 * removes the most recent users first; adding or removing a worker rebalances from zero.
 *
 * <p>Use it like Python's iterator: {@link #newDispatch}, then call {@link #next()} until it is empty. {@code next}
 * sleeps between iterations through the {@link Sleeper}; a master passes one that releases its lock while waiting,
 * so workers can be added meanwhile. Not thread-safe by itself: the caller serialises access. A local run uses a
 * single pseudo-worker, e.g. {@code "local"}.
 */
public final class UsersDispatcher {

    /** A user class as the dispatcher sees it. {@code fixedCount > 0} makes the weight irrelevant. */
    public record UserClassSpec(String name, double weight, int fixedCount) {
    }

    /** Waits between dispatch iterations. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits about {@code nanos} nanoseconds. */
        void sleep(long nanos) throws InterruptedException;
    }

    private enum Step { START, AFTER_START_REBALANCE, CHECK_EQUAL, LOOP, AFTER_ITERATION, AFTER_ITERATION_REBALANCE,
        DONE }

    private record Placed(String worker, String userClass) {
    }

    private final List<UserClassSpec> originalClasses;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private List<String> workers;
    private List<UserClassSpec> classes;
    private Map<String, Map<String, Integer>> usersOnWorkers;
    private Map<String, Map<String, Integer>> initialUsersOnWorkers;
    private ClassGenerator userGenerator;
    private WorkerCycle workerCycle;
    private Deque<Placed> activeUsers = new ArrayDeque<>();
    private int currentUserCount;
    private int targetUserCount;
    private int perIteration = 1;
    private long waitBetweenNanos;
    private boolean dispatchInProgress;
    private boolean rebalance;
    private boolean tryDispatchFixed = true;
    private boolean noUserToSpawn;
    private Step step = Step.DONE;
    private boolean rampingUp;
    private long iterationStart;

    /** A dispatcher that sleeps with {@link Thread#sleep}. */
    public UsersDispatcher(Collection<String> workerIds, List<UserClassSpec> userClasses) {
        this(workerIds, userClasses, nanos -> TimeUnit.NANOSECONDS.sleep(nanos), System::nanoTime);
    }

    /** A dispatcher with its own way of sleeping and of reading the time (tests, masters). */
    public UsersDispatcher(Collection<String> workerIds, List<UserClassSpec> userClasses, Sleeper sleeper,
                           LongSupplier nanoClock) {
        if (userClasses.isEmpty()) {
            throw new LocustException("the dispatcher needs at least one user class");
        }
        this.originalClasses = sortByName(userClasses);
        if (originalClasses.stream().map(UserClassSpec::name).distinct().count() != originalClasses.size()) {
            throw new LocustException("two user classes have the same name");
        }
        this.classes = originalClasses;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.workers = sortWorkers(workerIds);
        this.initialUsersOnWorkers = zeros(workers);
        this.usersOnWorkers = copy(initialUsersOnWorkers);
        this.userGenerator = new ClassGenerator();
        this.workerCycle = new WorkerCycle(workers);
    }

    /**
     * Locust's worker order (DIST-21): sorted by id, then by (index of the worker among those of its host, id),
     * where the host is the id up to the first {@code _}.
     */
    public static List<String> sortWorkers(Collection<String> ids) {
        List<String> byId = new ArrayList<>(new java.util.TreeSet<>(ids));
        Map<String, Integer> perHost = new HashMap<>();
        Map<String, Integer> indexWithinHost = new HashMap<>();
        for (String id : byId) {
            int under = id.indexOf('_');
            String host = under < 0 ? id : id.substring(0, under);
            int i = perHost.merge(host, 1, Integer::sum) - 1;
            indexWithinHost.put(id, i);
        }
        byId.sort(Comparator.<String>comparingInt(indexWithinHost::get).thenComparing(Comparator.naturalOrder()));
        return List.copyOf(byId);
    }

    private static List<UserClassSpec> sortByName(Collection<UserClassSpec> specs) {
        List<UserClassSpec> l = new ArrayList<>(specs);
        l.sort(Comparator.comparing(UserClassSpec::name));
        return List.copyOf(l);
    }

    private Map<String, Map<String, Integer>> zeros(List<String> ws) {
        Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
        for (String w : ws) {
            Map<String, Integer> c = new LinkedHashMap<>();
            for (UserClassSpec s : originalClasses) {
                c.put(s.name(), 0);
            }
            m.put(w, c);
        }
        return m;
    }

    private static Map<String, Map<String, Integer>> copy(Map<String, Map<String, Integer>> m) {
        Map<String, Map<String, Integer>> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, new LinkedHashMap<>(v)));
        return c;
    }

    /** The workers in dispatch order. */
    public List<String> workers() {
        return workers;
    }

    /** Whether a dispatch cycle is under way. */
    public boolean dispatchInProgress() {
        return dispatchInProgress;
    }

    /** The number of users currently placed. */
    public int currentUserCount() {
        return currentUserCount;
    }

    /** The current placement (a copy). */
    public Map<String, Map<String, Integer>> usersOnWorkers() {
        return copy(usersOnWorkers);
    }

    /**
     * Starts a dispatch cycle towards {@code target} users at {@code rate} users/s (DIST-22), optionally limited to
     * some classes (by name).
     */
    public void newDispatch(int target, double rate, Optional<? extends Collection<String>> classNames) {
        if (target < 0 || !(rate > 0)) {
            throw new LocustException("bad dispatch: " + target + " users at " + rate + "/s");
        }
        if (classNames.isPresent()) {
            Set<String> wanted = new HashSet<>(classNames.get());
            List<UserClassSpec> subset = originalClasses.stream().filter(c -> wanted.contains(c.name())).toList();
            if (!subset.equals(classes)) {
                classes = subset;
                userGenerator = new ClassGenerator();
            }
        }
        targetUserCount = target;
        perIteration = Math.max(1, (int) Math.floor(rate));
        waitBetweenNanos = (long) (perIteration / rate * 1e9);
        initialUsersOnWorkers = usersOnWorkers;
        usersOnWorkers = copy(initialUsersOnWorkers);
        currentUserCount = count(usersOnWorkers);
        step = Step.START;
    }

    private static int count(Map<String, Map<String, Integer>> m) {
        int n = 0;
        for (Map<String, Integer> c : m.values()) {
            for (int v : c.values()) {
                n += v;
            }
        }
        return n;
    }

    /**
     * The next distribution (worker → class → absolute count), or empty when the cycle is over. Sleeps (through
     * the sleeper) before computing an iteration that follows another one, as Python's generator does.
     */
    public Optional<Map<String, Map<String, Integer>>> next() throws InterruptedException {
        while (true) {
            switch (step) {
                case START -> {
                    dispatchInProgress = true;
                    if (rebalance) {
                        rebalance = false;
                        step = Step.AFTER_START_REBALANCE;
                        return Optional.of(copy(usersOnWorkers));
                    }
                    step = Step.CHECK_EQUAL;
                }
                case AFTER_START_REBALANCE -> step = currentUserCount == targetUserCount ? finish() : Step.CHECK_EQUAL;
                case CHECK_EQUAL -> {
                    if (currentUserCount == targetUserCount) {
                        finish();
                        return Optional.of(copy(initialUsersOnWorkers));
                    }
                    step = Step.LOOP;
                }
                case LOOP -> {
                    if (currentUserCount == targetUserCount) {
                        finish();
                        return Optional.empty();
                    }
                    iterationStart = nanoClock.getAsLong();
                    rampingUp = currentUserCount < targetUserCount;
                    int before = currentUserCount;
                    if (rampingUp) {
                        addUsers();
                    } else {
                        removeUsers();
                        if (currentUserCount == before) {
                            targetUserCount = currentUserCount; // nothing left to remove
                        }
                    }
                    step = Step.AFTER_ITERATION;
                    return Optional.of(copy(usersOnWorkers));
                }
                case AFTER_ITERATION -> {
                    if (rebalance) {
                        rebalance = false;
                        step = Step.AFTER_ITERATION_REBALANCE;
                        return Optional.of(copy(usersOnWorkers));
                    }
                    step = Step.AFTER_ITERATION_REBALANCE;
                }
                case AFTER_ITERATION_REBALANCE -> {
                    boolean stop = rampingUp && noUserToSpawn;
                    if (stop) {
                        noUserToSpawn = false;
                    }
                    if (currentUserCount != targetUserCount) {
                        long elapsed = nanoClock.getAsLong() - iterationStart;
                        long sleep = waitBetweenNanos - elapsed;
                        if (sleep > 0) {
                            sleeper.sleep(sleep);
                        }
                    }
                    if (stop) {
                        finish();
                        return Optional.empty();
                    }
                    step = Step.LOOP;
                }
                case DONE -> {
                    return Optional.empty();
                }
                default -> throw new IllegalStateException(step.toString());
            }
        }
    }

    private Step finish() {
        dispatchInProgress = false;
        step = Step.DONE;
        return Step.DONE;
    }

    private void addUsers() {
        int iterationTarget = Math.min(currentUserCount + perIteration, targetUserCount);
        while (true) {
            String user = userGenerator.next();
            if (user == null) {
                noUserToSpawn = true;
                return;
            }
            String worker = workerCycle.next();
            usersOnWorkers.get(worker).merge(user, 1, Integer::sum);
            currentUserCount++;
            activeUsers.addLast(new Placed(worker, user));
            if (currentUserCount >= iterationTarget) {
                return;
            }
        }
    }

    private void removeUsers() {
        int iterationTarget = Math.max(currentUserCount - perIteration, targetUserCount);
        while (true) {
            Placed p = activeUsers.pollLast();
            if (p == null) {
                return;
            }
            Map<String, Integer> w = usersOnWorkers.get(p.worker());
            if (w != null) {
                w.merge(p.userClass(), -1, Integer::sum);
            }
            currentUserCount--;
            tryDispatchFixed = true;
            if (currentUserCount == 0 || currentUserCount <= iterationTarget) {
                return;
            }
        }
    }

    /** A worker joined (DIST-16): the next value is a rebalanced distribution. */
    public void addWorker(String id) {
        if (workers.contains(id)) {
            return;
        }
        List<String> l = new ArrayList<>(workers);
        l.add(id);
        workers = sortWorkers(l);
        prepareRebalance();
    }

    /** A worker left (DIST-13..15): the next value is a rebalanced distribution (unless none are left). */
    public void removeWorker(String id) {
        if (!workers.contains(id)) {
            return;
        }
        workers = workers.stream().filter(w -> !w.equals(id)).toList();
        if (workers.isEmpty()) {
            return;
        }
        prepareRebalance();
    }

    /** DIST-24: redistribute the current user count over the new worker set from zero, without waiting. */
    private void prepareRebalance() {
        usersOnWorkers = zeros(workers);
        tryDispatchFixed = true;
        ClassGenerator gen = new ClassGenerator();
        WorkerCycle cycle = new WorkerCycle(workers);
        Deque<Placed> active = new ArrayDeque<>();
        int placed = 0;
        while (placed < currentUserCount) {
            String user = gen.next();
            if (user == null) {
                break;
            }
            String worker = cycle.next();
            usersOnWorkers.get(worker).merge(user, 1, Integer::sum);
            placed++;
            active.addLast(new Placed(worker, user));
        }
        activeUsers = active;
        userGenerator = gen;
        workerCycle = cycle;
        rebalance = true;
    }

    private int placedOf(String userClass) {
        int n = 0;
        for (Map<String, Integer> c : usersOnWorkers.values()) {
            n += c.getOrDefault(userClass, 0);
        }
        return n;
    }

    /** The endless round robin over the workers, continued across iterations. */
    private static final class WorkerCycle {
        private final List<String> order;
        private int pos;

        WorkerCycle(List<String> order) {
            this.order = order;
        }

        String next() {
            String w = order.get(pos);
            pos = (pos + 1) % order.size();
            return w;
        }
    }

    /**
     * Python's {@code _user_gen}: on every pull, when the fixed flag is set, first the fixed-count users still
     * missing (interleaved), then one weighted user.
     */
    private final class ClassGenerator {
        private final Map<String, Integer> fixed = new TreeMap<>();
        private final SmoothWeightedRoundRobin fixedCycle;
        private final SmoothWeightedRoundRobin weightedCycle;
        private boolean inFixedLoop;
        private boolean justYielded;
        private Map<String, Integer> fixedCounts = Map.of();
        private final Set<String> spawnedClasses = new HashSet<>();

        ClassGenerator() {
            List<String> fixedNames = new ArrayList<>();
            List<Double> fixedValues = new ArrayList<>();
            List<String> weightedNames = new ArrayList<>();
            List<Double> weightedValues = new ArrayList<>();
            for (UserClassSpec c : classes) {
                if (c.fixedCount() > 0) {
                    fixed.put(c.name(), c.fixedCount());
                    fixedNames.add(c.name());
                    fixedValues.add((double) c.fixedCount());
                } else if (c.weight() > 0) {
                    weightedNames.add(c.name());
                    weightedValues.add(c.weight());
                }
            }
            fixedCycle = new SmoothWeightedRoundRobin(fixedNames, fixedValues);
            weightedCycle = new SmoothWeightedRoundRobin(weightedNames, weightedValues);
        }

        private void recount() {
            fixedCounts = new HashMap<>();
            spawnedClasses.clear();
            for (Map.Entry<String, Integer> e : fixed.entrySet()) {
                int have = placedOf(e.getKey());
                fixedCounts.put(e.getKey(), have);
                if (have >= e.getValue()) {
                    spawnedClasses.add(e.getKey()); // already full (Python 2.12.1 would loop forever here)
                }
            }
        }

        String next() {
            if (!inFixedLoop) {
                if (!tryDispatchFixed) {
                    return weightedCycle.next();
                }
                tryDispatchFixed = false;
                recount();
                inFixedLoop = true;
                justYielded = false;
            }
            if (justYielded) {
                justYielded = false;
                if (tryDispatchFixed) {
                    recount();
                    tryDispatchFixed = false;
                }
            }
            while (spawnedClasses.size() != fixed.size()) {
                String name = fixedCycle.next();
                if (name == null) {
                    break;
                }
                int have = fixedCounts.get(name);
                if (have < fixed.get(name)) {
                    fixedCounts.put(name, have + 1);
                    if (have + 1 == fixed.get(name)) {
                        spawnedClasses.add(name);
                    }
                    justYielded = true;
                    return name;
                }
            }
            inFixedLoop = false;
            return weightedCycle.next();
        }
    }
}
