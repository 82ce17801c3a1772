package dev.locustj.web;

import java.util.List;
import java.util.Map;

/**
 * What the web UI shows about the workers of a master (WEB-13, WEB-15, WEB-20, WEB-38). The launcher registers one
 * with {@code env.extension(WorkersView.class, ...)} when it runs a master; without one the UI is a standalone one
 * (no workers tab, {@code worker_count} 0).
 */
public interface WorkersView {

    /** The connected workers, in a stable order. */
    List<WorkerInfo> workers();

    /** Running users per class name as reported by the workers (for {@code /tasks}); empty: use the runner's. */
    default Map<String, Integer> reportedUserClassesCount() {
        return Map.of();
    }

    /** The last log lines shipped by each worker, by worker id. */
    default Map<String, List<String>> workerLogs() {
        return Map.of();
    }
}
