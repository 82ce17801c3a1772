package dev.locustj.runners.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Shared set-up: user classes, short timers, loopback only. */
final class DistributedTestSupport {

    /** A user that does little. */
    public static class Alpha extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
        @Task public void work() { }
    }

    /** Twice as many as Alpha. */
    @Weight(2)
    public static class Beta extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
        @Task public void work() { }
    }

    /** Fires request events (when the stats module records them). */
    public static class Requester extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
        @Task public void work() {
            environment().events().request().fire(RequestEvent.success("kv", "/get", 12.0, 10));
        }
    }

    /** Throws from its task (exception forwarding). */
    public static class Crasher extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.2); }
        @Task public void boom() {
            throw new IllegalStateException("boom");
        }
    }

    private final List<AutoCloseable> closers = new ArrayList<>();

    static DefaultEnvironment envWith(Class<?>... classes) {
        return (DefaultEnvironment) Environment.builder().userClasses(classes).options(Map.of("headless", "false"))
                .build();
    }

    MasterRunner master(DefaultEnvironment env, MasterOptions options) {
        MasterRunner m = new MasterRunner(env, options);
        closers.add(() -> {
            if (!m.hasQuit()) {
                m.kill();
            }
        });
        return m;
    }

    /** Closes {@code c} with everything else. */
    void closeLater(AutoCloseable c) {
        closers.add(c);
    }

    MasterRunner master(DefaultEnvironment env) {
        MasterRunner m = new MasterRunner(env, MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 3, 20));
        closers.add(() -> {
            if (!m.hasQuit()) {
                m.kill();
            }
        });
        return m;
    }

    WorkerRunner worker(DefaultEnvironment env, int port, String nodeId) {
        WorkerOptions o = WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(1))
                .withNodeId(nodeId);
        WorkerRunner w = new WorkerRunner(env, o);
        closers.add(w::kill);
        return w;
    }

    static DefaultEnvironment env(Map<String, String> options) {
        return (DefaultEnvironment) Environment.builder().userClasses(Alpha.class, Beta.class).options(options).build();
    }

    MasterRunner master(MasterOptions options) {
        MasterRunner m = new MasterRunner(env(Map.of("headless", "false")), options);
        closers.add(() -> {
            if (!m.hasQuit()) {
                m.kill();
            }
        });
        return m;
    }

    MasterRunner master() {
        return master(MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 3, 20));
    }

    WorkerRunner worker(int port, String nodeId) {
        WorkerOptions o = WorkerOptions.defaults().withMaster("127.0.0.1", port)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1), 5,
                        Duration.ofSeconds(1))
                .withNodeId(nodeId);
        WorkerRunner w = new WorkerRunner(env(Map.of()), o);
        closers.add(w::kill);
        return w;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Closes everything this support created, newest first. */
    public void close() throws Exception {
        for (AutoCloseable c : closers.reversed()) {
            c.close();
        }
    }
}
