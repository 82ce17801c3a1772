package dev.locustj.examples.library;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.examples.custom.KeyValueUser;

import java.time.Duration;

/**
 * Locust's "use as a library": an environment and a local runner built from Java code, e.g. inside a JUnit test.
 * Runs 20 users for a few seconds and prints the totals.
 */
public final class LibraryRun {

    private LibraryRun() {
    }

    /** Runs the test and returns the final stats. */
    public static StatsSnapshot run(int users, double spawnRate, Duration runTime) throws InterruptedException {
        Environment env = Environment.builder().userClasses(KeyValueUser.class).build();
        Runner runner = env.createLocalRunner();
        runner.start(users, spawnRate);
        runner.await(runTime);   // returns early only if something quits the runner
        runner.quit();
        return env.stats().snapshot();
    }

    /** Entry point: {@code java -cp ... dev.locustj.examples.library.LibraryRun}. */
    public static void main(String[] args) throws InterruptedException {
        StatsSnapshot stats = run(20, 10, Duration.ofSeconds(3));
        StatsEntrySnapshot total = stats.total();
        System.out.printf("requests=%d failures=%d median=%dms rps=%.1f%n", total.numRequests(),
                total.numFailures(), total.medianResponseTime(), total.totalRps());
    }
}
