package dev.locustj.http;

import dev.locustj.core.Environment;
import dev.locustj.core.Host;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.StopTest;
import dev.locustj.core.Task;
import dev.locustj.core.internal.UserRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HttpUser without a runner: users are created the way the runner creates them (LF-21, LF-29, LF-35). */
@Timeout(120)
class HttpUserTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A user with a context and one task. */
    public static class Shopper extends HttpUser {
        @Override
        public Map<String, Object> context() {
            return Map.of("user", userId());
        }

        @Task
        public void browse() {
            client().get("/hello");
        }
    }

    /** A user whose class names a host. */
    @Host("http://127.0.0.1:1")
    public static class Hosted extends HttpUser {
        @Task
        public void t() {
        }
    }

    private static <U extends HttpUser> U user(Class<U> type, Environment env, String host, long id) {
        return UserRuntime.construct(type, new UserRuntime(env, host, id));
    }

    @Test
    void clientIsCreatedLazilyOnceWithTheHostAndTheUsersContext() {
        Environment env = Environment.builder().userClasses(List.of(Shopper.class)).build();
        ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
        env.events().request().add(events::add);
        Shopper u = user(Shopper.class, env, server.url(), 7);
        assertThat(u.client()).isSameAs(u.client());
        assertThat(u.client().baseUrl()).isEqualTo(server.url());
        u.browse();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.context()).containsEntry("user", 7L);
            assertThat(e.name()).isEqualTo("/hello");
        });
    }

    @Test
    void noHostStopsTheTestWithAClearMessage() {
        Environment env = Environment.builder().build();
        Shopper u = user(Shopper.class, env, "", 1);
        assertThatThrownBy(u::client).isInstanceOf(StopTest.class)
                .hasMessageContaining("You must specify the base host").hasMessageContaining("--host");
        Shopper bad = user(Shopper.class, env, "localhost:8080", 2);
        assertThatThrownBy(bad::client).isInstanceOf(StopTest.class).hasMessageContaining("Invalid host");
    }

    /** A user with no host anywhere. */
    public static class NoHost extends HttpUser {
        @Task
        public void t() {
            client().get("/");
        }
    }

    @Test
    void underTheRunnerAMissingHostStopsTheWholeTest() throws Exception {
        Environment env = Environment.builder().userClasses(List.of(NoHost.class)).build();
        ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
        env.events().request().add(events::add);
        var runner = env.createLocalRunner();
        runner.start(3, 100);
        assertThat(runner.await(java.time.Duration.ofSeconds(10))).as("the test stopped by itself").isTrue();
        assertThat(events).isEmpty();
    }

    /** A user stuck in a request that never answers. */
    public static class Stuck extends HttpUser {
        static final AtomicInteger STOPPED = new AtomicInteger();

        @Task
        public void t() {
            client().get("/never");
        }

        @Override
        public void onStop() {
            STOPPED.incrementAndGet();
        }
    }

    @Test
    void quitInterruptsUsersWaitingForAResponseAndReportsNothing() throws Exception {
        Environment env = Environment.builder().userClasses(List.of(Stuck.class)).host(server.url()).build();
        ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
        env.events().request().add(events::add);
        var runner = env.createLocalRunner();
        int before = server.requests.get();
        runner.start(5, 100);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.requests.get() - before < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.requests.get() - before).as("every user is waiting for /never").isEqualTo(5);
        runner.quit();
        // the response timeout is 60 s: ending within 10 s means the users were interrupted out of the request
        assertThat(runner.await(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(events).as("an interrupted request is not reported").isEmpty();
        assertThat(Stuck.STOPPED.get()).isEqualTo(5);
        assertThat(env.stats().snapshot().exceptions()).isEmpty();
    }

    @Test
    void thousandConcurrentUsersEachHaveTheirOwnSessionAndConnectionOnVirtualThreads() throws Exception {
        try (TestServer own = new TestServer()) {
            thousandUsers(own);
        }
    }

    private static void thousandUsers(TestServer server) throws Exception {
        int users = 1000;
        int perUser = 5;
        Environment env = Environment.builder().userClasses(List.of(Shopper.class)).build();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        env.events().request().add(e -> (e.failed() ? failed : ok).incrementAndGet());
        List<Shopper> all = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            all.add(user(Shopper.class, env, server.url(), i));
        }
        int connectionsBefore = server.connections.get();
        int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        int[] peakPlatform = {0};
        List<Thread> threads = new ArrayList<>();
        for (Shopper u : all) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perUser; i++) {
                    u.browse();
                }
            }));
        }
        for (Thread t : threads) {
            peakPlatform[0] = Math.max(peakPlatform[0], ManagementFactory.getThreadMXBean().getThreadCount());
            t.join(60_000);
        }
        assertThat(ok.get()).isEqualTo(users * perUser);
        assertThat(failed.get()).isZero();
        Set<HttpSession> sessions = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        all.forEach(u -> sessions.add(u.client()));
        assertThat(sessions).hasSize(users);
        assertThat(server.connections.get() - connectionsBefore).as("one keep-alive connection per user")
                .isEqualTo(users);
        assertThat(peakPlatform[0] - platformThreadsBefore).as("no platform thread per user").isLessThan(100);
        env.events().testStop().fire(new dev.locustj.core.Events.EnvironmentEvent(env));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.open.get()).as("connections closed when the test stops").isZero();
    }

    /** A user whose caught response fails by throwing a ResponseError out of the block (LF-63). */
    public static class Thrower extends HttpUser {
        static final AtomicInteger AFTER = new AtomicInteger();

        @Override
        public dev.locustj.core.WaitTime waitTime() {
            return dev.locustj.core.WaitTime.constant(0.005);
        }

        @Task
        public void check() {
            try (HttpResponse r = client().get("/hello", opt -> opt.catchResponse())) {
                if (!r.text().contains("goodbye")) {
                    throw new CatchResponseError("no goodbye");
                }
            }
            AFTER.incrementAndGet(); // never reached: the exception ends the task
        }
    }

    @Test
    void responseErrorThrownFromACatchBlockIsAFailureNotAlsoATaskException() throws Exception {
        Environment env = Environment.builder().userClasses(List.of(Thrower.class)).host(server.url()).build();
        AtomicInteger userErrors = new AtomicInteger();
        env.events().userError().add(e -> userErrors.incrementAndGet());
        var runner = env.createLocalRunner();
        runner.start(2, 100);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (env.stats().snapshot().total().numFailures() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        runner.quit();
        var s = env.stats().snapshot();
        assertThat(s.total().numFailures()).isGreaterThanOrEqualTo(10).isEqualTo(s.total().numRequests());
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.error()).isEqualTo("CatchResponseError('no goodbye')");
            assertThat(e.occurrences()).isEqualTo(s.total().numFailures());
        });
        assertThat(s.exceptions()).as("not counted a second time").isEmpty();
        assertThat(userErrors.get()).isZero();
        assertThat(Thrower.AFTER.get()).isZero();
    }
}
