package dev.locustj.benchmarks;

import dev.locustj.core.internal.TaskModel;
import dev.locustj.examples.http.ShopUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Picking the next weighted task of a user (Locust's random.choice over the task list). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TaskPickBenchmark {

    private TaskModel model;

    /** The task model of the example shop user (4 tasks, weights 5/3/2/1). */
    @Setup
    public void setUp() {
        model = TaskModel.of(ShopUser.class, Set.of(), Set.of(), false);
    }

    /** One pick. */
    @Benchmark
    public Object pick() {
        return model.pick();
    }
}
