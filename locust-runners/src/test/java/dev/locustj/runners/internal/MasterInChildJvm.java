package dev.locustj.runners.internal;

import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.MasterOptions;

import java.time.Duration;

/**
 * A master alone in a JVM (tests that need JVM flags of their own, such as a small direct-memory limit): prints
 * {@code PORT <n>}, waits up to 30 s for the master to quit on its own, then exits with the environment's exit code
 * (99 when it did not quit).
 */
public final class MasterInChildJvm {

    private MasterInChildJvm() {
    }

    /** Runs the master. */
    public static void main(String[] args) throws InterruptedException {
        DefaultEnvironment env = DistributedTestSupport.envWith(DistributedTestSupport.Requester.class);
        MasterRunner m = new MasterRunner(env, MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 3, 20));
        System.out.println("PORT " + m.port());
        System.out.flush();
        boolean quit = m.await(Duration.ofSeconds(30));
        System.out.println("QUIT " + quit);
        System.out.flush();
        System.exit(quit ? env.processExitCode().orElse(0) : 99);
    }
}
