package dev.locustj.core.internal.stats;

import dev.locustj.core.HistoryPoint;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Stats;
import dev.locustj.core.StatsSnapshot;

import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The statistics of one process: per (method, name) entries, errors and exceptions. Recording is lock-free.
 * PLACEHOLDER: being implemented (HdrHistogram, per-second counters, history).
 */
public final class RequestStats implements Stats {

    private final String nodeId;
    private volatile IntSupplier userCount = () -> 0;

    /** Creates empty stats for the node {@code nodeId} ("local" for a standalone run). */
    public RequestStats(String nodeId) {
        this.nodeId = nodeId;
    }

    /** The node id used in the exceptions table. */
    public String nodeId() {
        return nodeId;
    }

    /** Where the snapshot's user count comes from. */
    public void userCountSupplier(IntSupplier supplier) {
        this.userCount = supplier;
    }

    /** Records one request (the request event listener). Hot path: lock-free. */
    public void record(RequestEvent event) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Records an exception that escaped a task on this node. */
    public void logException(Throwable exception) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Adds exceptions reported by another node. */
    public void addException(String message, String traceback, long count, Set<String> nodes) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Starts the background sampling (per-second counters, history); idempotent. */
    public void start() {
    }

    /** Stops the background sampling. */
    public void close() {
    }

    @Override
    public StatsSnapshot snapshot() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void reset() {
    }

    @Override
    public void clearExceptions() {
    }

    @Override
    public List<HistoryPoint> history() {
        return List.of();
    }
}
