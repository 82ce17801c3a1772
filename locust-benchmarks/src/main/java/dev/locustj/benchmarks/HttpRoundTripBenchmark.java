package dev.locustj.benchmarks;

import dev.locustj.core.Environment;
import dev.locustj.examples.demo.DemoTarget;
import dev.locustj.http.HttpSession;
import dev.locustj.http.HttpSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One GET on a kept-alive connection to the in-process demo shop, stats recording included: the client's share of
 * a request's latency (the server runs in the same process, so this is an upper bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HttpRoundTripBenchmark {

    private DemoTarget target;
    private HttpSession client;

    /** Starts the shop and a session. */
    @Setup(Level.Trial)
    public void setUp() {
        target = DemoTarget.start(0);
        client = HttpSession.create(Environment.builder().build(), target.url(), HttpSettings.defaults());
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        target.close();
    }

    /** GET /hello, body read. */
    @Benchmark
    public int getHello() {
        return client.get("/hello").statusCode();
    }
}
