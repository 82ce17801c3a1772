package dev.locustj.runners.internal;

import dev.locustj.runners.WorkerInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's workers (Locust's {@code clients}): records by id, stable worker indexes, states, liveness counters
 * and the log lines they sent (DIST-10). Guarded by the master's lock, except the logs, which are thread-safe.
 */
final class WorkerRegistry {

    /** How many log lines are kept per worker. */
    static final int MAX_LOG_LINES = 500;

    private final Map<String, WorkerNode> workers = new LinkedHashMap<>();
    private final Map<String, Integer> indexes = new HashMap<>();
    private final Map<String, List<String>> logs = new ConcurrentHashMap<>();

    /** A worker by id. */
    Optional<WorkerNode> get(String id) {
        return Optional.ofNullable(workers.get(id));
    }

    boolean contains(String id) {
        return workers.containsKey(id);
    }

    /** Registers (or replaces) a worker that reported {@code client_ready}. */
    WorkerNode add(String id, Object version, int liveness) {
        WorkerNode node = new WorkerNode(id, version, liveness);
        workers.put(id, node);
        return node;
    }

    Optional<WorkerNode> remove(String id) {
        return Optional.ofNullable(workers.remove(id));
    }

    /** The worker's index: handed out in order of first contact and kept for the master's life (DIST-21). */
    int index(String id) {
        return indexes.computeIfAbsent(id, k -> indexes.size());
    }

    /** Whether this id ever registered ({@code client_ready}) with this master, also when it left since. */
    boolean everRegistered(String id) {
        return indexes.containsKey(id);
    }

    /** Every id, in order of registration. */
    List<String> ids() {
        return List.copyOf(workers.keySet());
    }

    /** Workers that are ready, spawning or running. */
    List<String> activeIds() {
        return workers.values().stream().filter(WorkerRegistry::active).map(w -> w.id).toList();
    }

    private static boolean active(WorkerNode w) {
        return w.state.equals("ready") || w.state.equals("spawning") || w.state.equals("running");
    }

    /** Workers understanding messages that appeared in Locust {@code major.minor}. */
    List<String> idsUnderstanding(int major, int minor) {
        return workers.values().stream().filter(w -> w.understands(major, minor)).map(w -> w.id).toList();
    }

    long countInState(String state) {
        return workers.values().stream().filter(w -> w.state.equals(state)).count();
    }

    /** Python's check_stopped inputs: every worker ready; none ready, spawning or running. */
    boolean allReady() {
        return workers.values().stream().allMatch(w -> w.state.equals("ready"));
    }

    boolean noneActive() {
        return workers.values().stream().noneMatch(WorkerRegistry::active);
    }

    /** Every known worker id with its state, sorted. */
    Map<String, String> states() {
        Map<String, String> m = new TreeMap<>();
        workers.forEach((id, w) -> m.put(id, w.state));
        return m;
    }

    /** Every known worker, sorted by id. */
    List<WorkerInfo> infos() {
        return workers.values().stream().sorted(Comparator.comparing(w -> w.id))
                .map(w -> new WorkerInfo(w.id, index(w.id), w.state, w.userClassesCount, w.userCount(),
                        w.cpuUsage, w.memoryUsage))
                .toList();
    }

    /** The users each worker reported, by worker id, sorted. */
    Map<String, Map<String, Integer>> userCounts() {
        Map<String, Map<String, Integer>> m = new TreeMap<>();
        workers.forEach((id, w) -> m.put(id, Map.copyOf(w.userClassesCount)));
        return m;
    }

    /** The users of all workers. */
    int userCount() {
        return workers.values().stream().mapToInt(WorkerNode::userCount).sum();
    }

    /** Adds every worker's users per class to {@code into}. */
    void addUserClassesCount(Map<String, Integer> into) {
        for (WorkerNode w : workers.values()) {
            w.userClassesCount.forEach((k, v) -> into.merge(k, v, Integer::sum));
        }
    }

    /** What one heartbeat tick found: workers that just went missing, and missing ones deleted (protocol §5). */
    record Tick(List<String> wentMissing, List<String> deleted) {
    }

    /**
     * One liveness tick: counts every worker's heartbeat down; a worker below zero goes {@code missing} (its users
     * are forgotten), and a missing one at {@code -deleteTicks} is deleted.
     */
    Tick tick(int deleteTicks) {
        List<String> missing = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (WorkerNode w : List.copyOf(workers.values())) {
            if (w.state.equals("missing") && w.heartbeat <= -deleteTicks) {
                deleted.add(w.id);
            }
            if (w.heartbeat < 0 && !w.state.equals("missing")) {
                w.state = "missing";
                w.userClassesCount = new TreeMap<>();
                missing.add(w.id);
            } else {
                w.heartbeat--;
            }
        }
        deleted.forEach(workers::remove);
        return new Tick(missing, deleted);
    }

    /** DIST-10: keeps the last {@value #MAX_LOG_LINES} lines a worker sent (the whole buffer each time). */
    void putLogs(String workerId, List<?> lines) {
        logs.put(workerId, lines.subList(Math.max(0, lines.size() - MAX_LOG_LINES), lines.size()).stream()
                .map(String::valueOf).toList());
    }

    /** The last log lines of each worker, by worker id, sorted; workers that left are kept. */
    Map<String, List<String>> logs() {
        return Collections.unmodifiableMap(new TreeMap<>(logs));
    }
}
