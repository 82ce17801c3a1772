package dev.locustj.benchmarks.users;

import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.http.HttpUser;

/**
 * {@link HttpIdle} with {@code Connection: close}: GET /hello, then wait 30 s, without keeping the connection open
 * while idle. For the 100,000-user run only: this machine's open-file limit (20,000, not raisable here) caps how many
 * connections one process, the generator or nginx, can hold, so each user reconnects for each request instead.
 */
public class HttpIdleClose extends HttpUser {

    private static final double WAIT = Double.parseDouble(System.getenv().getOrDefault("BENCH_WAIT", "30"));

    @Override
    public WaitTime waitTime() {
        return WaitTime.constant(WAIT);
    }

    /** One GET on a fresh connection, closed by the server after the response. */
    @Task
    public void hello() {
        client().get(HttpHello.PATH, opt -> opt.header("Connection", "close"));
    }
}
