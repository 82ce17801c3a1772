package dev.locustj.benchmarks.users;

import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.http.HttpUser;

/**
 * The memory-per-user / spawn-time bench scenario, as {@code /work/shared/bench/locustfiles/idle.py}'s
 * {@code HttpIdle}: each user does {@code GET /hello} (or {@code BENCH_PATH}) and then waits {@code BENCH_WAIT}
 * seconds (default 30), so the target sees one request per spawned user at spawn time.
 */
public class HttpIdle extends HttpUser {

    private static final double WAIT = Double.parseDouble(System.getenv().getOrDefault("BENCH_WAIT", "30"));

    @Override
    public WaitTime waitTime() {
        return WaitTime.constant(WAIT);
    }

    /** One GET, then the wait. */
    @Task
    public void hello() {
        client().get(HttpHello.PATH);
    }
}
