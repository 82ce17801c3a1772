package dev.locustj.benchmarks.users;

import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.http.HttpUser;

/**
 * The max-throughput bench scenario, as {@code /work/shared/bench/locustfiles/hello.py}'s {@code HttpHello}: each
 * user loops {@code GET /hello} (or {@code BENCH_PATH}) with no wait. Stats recording is on, as in any run.
 */
public class HttpHello extends HttpUser {

    static final String PATH = System.getenv().getOrDefault("BENCH_PATH", "/hello");

    @Override
    public WaitTime waitTime() {
        return WaitTime.none();
    }

    /** One GET. */
    @Task
    public void hello() {
        client().get(PATH);
    }
}
