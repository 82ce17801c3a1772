package dev.locustj.runners.internal;

import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.WorkerOptions;

import java.time.Duration;
import java.util.Map;

/**
 * A worker alone in a JVM (tests that need JVM flags of their own): connects to the port given as the argument,
 * waits up to 30 s for the worker to quit on its own, then exits with the environment's exit code (99 when it did
 * not quit).
 */
public final class WorkerInChildJvm {

    private WorkerInChildJvm() {
    }

    /** Runs the worker. */
    public static void main(String[] args) throws InterruptedException {
        DefaultEnvironment env = DistributedTestSupport.env(Map.of());
        WorkerRunner w = new WorkerRunner(env, WorkerOptions.defaults().withMaster("127.0.0.1",
                Integer.parseInt(args[0])).withTimers(Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofSeconds(5), 5, Duration.ofSeconds(60)).withNodeId("child_worker"));
        boolean quit = w.await(Duration.ofSeconds(30));
        System.out.println("QUIT " + quit);
        System.out.flush();
        System.exit(quit ? env.processExitCode().orElse(0) : 99);
    }
}
