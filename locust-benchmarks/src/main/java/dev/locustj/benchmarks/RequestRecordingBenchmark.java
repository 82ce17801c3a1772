package dev.locustj.benchmarks;

import dev.locustj.core.Environment;
import dev.locustj.core.EventHook;
import dev.locustj.core.RequestEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Firing one request event into the stats, the last step of every request: success and failure, one thread and
 * two threads on the same entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RequestRecordingBenchmark {

    private static final String[] NAMES = {"/", "/items", "/item/[id]", "/cart", "/login"};

    private EventHook<RequestEvent> hook;
    private RequestEvent[] ok;
    private RequestEvent failed;

    /** Builds the environment and a few events. */
    @Setup
    public void setUp() {
        Environment env = Environment.builder().build();
        hook = env.events().request();
        ok = new RequestEvent[NAMES.length];
        double now = System.currentTimeMillis() / 1000.0;
        for (int i = 0; i < NAMES.length; i++) {
            ok[i] = new RequestEvent("GET", NAMES[i], 12.5 + i, 1024, Optional.empty(), Map.of(), now,
                    Optional.empty(), Optional.empty());
        }
        failed = new RequestEvent("GET", "/cart", 3.2, 0,
                Optional.of(new IllegalStateException("500 Server Error")), Map.of(), now, Optional.empty(),
                Optional.empty());
    }

    /** A successful request, one thread. */
    @Benchmark
    public void recordSuccess() {
        hook.fire(ok[ThreadLocalRandom.current().nextInt(NAMES.length)]);
    }

    /** A successful request, two threads on the same entries. */
    @Benchmark
    @Threads(2)
    public void recordSuccessTwoThreads() {
        hook.fire(ok[ThreadLocalRandom.current().nextInt(NAMES.length)]);
    }

    /** A failed request (error table too). */
    @Benchmark
    public void recordFailure() {
        hook.fire(failed);
    }
}
