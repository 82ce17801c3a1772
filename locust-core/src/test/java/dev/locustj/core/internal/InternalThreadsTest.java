package dev.locustj.core.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InternalThreadsTest {

    @AfterEach
    void uninstall() {
        InternalThreads.onFatal(m -> { });
    }

    @Test
    void internalThreadsArePlatformDaemons() throws Exception {
        CompletableFuture<Thread> seen = new CompletableFuture<>();
        InternalThreads.start("locust-test", () -> seen.complete(Thread.currentThread()));
        Thread t = seen.get(5, TimeUnit.SECONDS);
        assertThat(t.isVirtual()).isFalse();
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("locust-test");
    }

    @Test
    void anOutOfMemoryErrorOnAnInternalThreadEndsTheRunThroughTheHandler() throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        InternalThreads.onFatal(line::complete);
        Thread t = InternalThreads.start("locust-test", () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        t.join(5000);
        assertThat(line.get(5, TimeUnit.SECONDS)).isEqualTo("OutOfMemoryError on internal thread locust-test "
                + "(Java heap space): ending the run, the results so far are written");
    }

    @Test
    void anOutOfMemoryErrorInAScheduledTaskIsNotSwallowedByItsFuture() throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        InternalThreads.onFatal(line::complete);
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(InternalThreads.factory("locust-t"));
        try {
            s.scheduleAtFixedRate(InternalThreads.guarded("locust-t", () -> {
                throw new OutOfMemoryError("Java heap space");
            }), 0, 1, TimeUnit.SECONDS);
            assertThat(line.get(5, TimeUnit.SECONDS)).startsWith("OutOfMemoryError on internal thread locust-t");
        } finally {
            s.shutdownNow();
        }
    }
}
