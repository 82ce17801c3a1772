package dev.locustj.benchmarks;

import dev.locustj.core.Environment;
import dev.locustj.http.HttpSession;
import dev.locustj.http.HttpSettings;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load generator: {@code USERS} virtual threads, each with its own session, GET {@code PATH} without
 * pause for {@code SECONDS}; prints requests/s, failures and the process CPU. Stats recording is on, as in a run.
 *
 * <pre>java -cp ... dev.locustj.benchmarks.HttpLoad http://127.0.0.1:8080 /hello 50 15</pre>
 */
public final class HttpLoad {

    private HttpLoad() {
    }

    /** Runs the loop. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HttpLoad URL [PATH=/hello] [USERS=50] [SECONDS=15] [WARMUP_SECONDS=3]");
            System.exit(2);
        }
        String url = args[0];
        String path = args.length > 1 ? args[1] : "/hello";
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        Environment env = Environment.builder().host(url).build();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        env.events().request().add(e -> (e.failed() ? failed : ok).increment());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int warmSeconds = args.length > 4 ? Integer.parseInt(args[4]) : Math.min(3, seconds / 3);
        long warm = System.nanoTime() + Duration.ofSeconds(warmSeconds).toNanos();
        long[] mark = new long[3];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            HttpSession s = HttpSession.create(env, url, HttpSettings.defaults());
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    s.get(path);
                }
                s.close();
            }));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        while (System.nanoTime() < warm) {
            Thread.sleep(10);
        }
        mark[0] = System.nanoTime();
        mark[1] = ok.sum() + failed.sum();
        mark[2] = os.getProcessCpuTime();
        while (System.nanoTime() < end) {
            Thread.sleep(10);
        }
        long t = System.nanoTime() - mark[0];
        long n = ok.sum() + failed.sum() - mark[1];
        long cpu = os.getProcessCpuTime() - mark[2];
        for (Thread th : threads) {
            th.join();
        }
        System.out.println("transport epoll=" + dev.locustj.http.internal.NettyTransport.get().epoll());
        System.out.printf("RESULT users=%d rps=%.0f failures=%d cpu_pct=%.0f total=%d%n", users, n * 1e9 / t,
                failed.sum(), cpu * 100.0 / t, ok.sum() + failed.sum());
        System.exit(0);
    }
}
