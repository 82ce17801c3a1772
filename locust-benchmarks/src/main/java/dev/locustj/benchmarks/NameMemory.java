package dev.locustj.benchmarks;

import dev.locustj.core.internal.stats.RequestStats;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Heap bytes per request name held by the stats (the twin of {@code name_memory.py}, which measures Python
 * Locust's {@code RequestStats} the same way). Every name gets {@code REQUESTS_PER_NAME} requests (1..300 ms, fixed
 * seed) in the second it first appears; the clock advances one second, with a stats tick, per
 * {@code NEW_NAMES_PER_SECOND} names (100,000 names in 10 s). The guard is set high enough not to fold.
 *
 * <pre>java -cp ... dev.locustj.benchmarks.NameMemory [NAMES=100000] [REQUESTS_PER_NAME=3] [NEW_NAMES_PER_SECOND=10000]</pre>
 */
public final class NameMemory {

    private NameMemory() {
    }

    public static void main(String[] args) {
        int names = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perName = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        long[] now = {1_700_000_000_000_000L};
        Random rnd = new Random(42);
        RequestStats stats = new RequestStats("local", () -> now[0]);
        try {
            stats.maxNames(names + 1);
        } catch (NoSuchMethodError e) {
            // stats without a name guard
        }
        stats.logRequest("GET", "/warm-up", 1, 100); // class loading, the Aggregated row's first histogram chunk
        stats.tick();
        long before = usedAfterGc();
        for (int i = 0; i < names; i++) {
            if (i % perSecond == 0 && i > 0) {
                now[0] += 1_000_000L;
                stats.tick();
            }
            String name = "/item/" + i;
            for (int r = 0; r < perName; r++) {
                now[0] += 10;
                stats.logRequest("GET", name, 1 + rnd.nextDouble() * 299, 100);
            }
        }
        stats.tick();
        long after = usedAfterGc();
        long held = after - before;
        System.out.printf("RESULT tool=locustj names=%d requests_per_name=%d bytes=%d bytes_per_name=%d kept=%d%n",
                names, perName, held, held / names, stats.snapshot().entries().size());
        if (Boolean.getBoolean("names.pause")) { // to take a class histogram (jcmd PID GC.class_histogram)
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.println(stats.snapshot().total().numRequests() > 0 ? "" : "-");
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
