package dev.locustj.http;

import dev.locustj.core.AlreadyReported;
import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.RescheduleTask;
import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** client().rest(...), Locust's FastHttpUser.rest (LF-37), against the real test server on 127.0.0.1. */
@Timeout(60)
class RestTest {

    private static TestServer server;
    private final ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
    private HttpSession client;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        Environment env = Environment.builder().build();
        env.events().request().add(events::add);
        client = HttpSession.create(env, server.url(), HttpSettings.defaults());
    }

    private RequestEvent onlyEvent() {
        assertThat(events).hasSize(1);
        return events.poll();
    }

    private static String failureText(RequestEvent e) {
        assertThat(e.exception()).get().isInstanceOf(CatchResponseError.class);
        return e.exception().orElseThrow().getMessage();
    }

    @Test
    void sendsJsonHeadersAndBodyAndParsesTheResponse() {
        try (RestResponse r = client.rest("POST", "/echo", Map.of("item", 42))) {
            assertThat(r.js().path("method").asText()).isEqualTo("POST");
            assertThat(r.js().path("headers").path("content-type").asText()).isEqualTo("application/json");
            assertThat(r.js().path("headers").path("accept").asText()).isEqualTo("application/json");
            assertThat(r.js().path("body").asText()).isEqualTo("{\"item\":42}");
            assertThat(events).as("reported on close").isEmpty();
        }
        assertThat(onlyEvent().exception()).isEmpty();
        try (RestResponse r = client.rest("GET", "/echo?id=7", opt -> opt.name("/echo?id=[id]"))) {
            assertThat(r.js().path("headers").path("content-type").asText()).isEqualTo("application/json");
            assertThat(r.js().path("query").path("id").asText()).isEqualTo("7");
        }
        assertThat(onlyEvent().name()).isEqualTo("/echo?id=[id]");
    }

    @Test
    void nonJsonBodyFailsTheRequestAndEmptyBodiesAreFine() {
        try (RestResponse r = client.rest("GET", "/hello")) {
            assertThat(r.js().isMissingNode()).isTrue();
            assertThat(r.js().path("a").path("b").isMissingNode()).isTrue();
        }
        assertThat(failureText(onlyEvent())).startsWith("Could not parse response as JSON. hello, response code 200, "
                + "error Unrecognized token 'hello'").doesNotContain("\n");
        try (RestResponse r = client.rest("DELETE", "/status/204")) {
            assertThat(r.js().isMissingNode()).isTrue();
        }
        assertThat(onlyEvent().exception()).isEmpty();
    }

    @Test
    void anAssertionErrorLeavingTheBlockIsTheFailureOnce() {
        AssertionError thrown = null;
        try {
            try (RestResponse r = client.rest("GET", "/echo")) {
                if (!r.js().path("method").asText().equals("PUT")) {
                    throw new AssertionError("expected PUT\n  but was GET");
                }
            }
        } catch (AssertionError e) {
            thrown = e;
        }
        assertThat(thrown).isNotNull();
        assertThat(events).as("reported when the exception ends the task").isEmpty();
        assertThat(AlreadyReported.isReported(thrown)).isTrue();
        assertThat(AlreadyReported.isReported(thrown)).isTrue();
        assertThat(failureText(onlyEvent())).isEqualTo("expected PUT but was GET");
    }

    @Test
    void assertionTextsFollowLocust() {
        assertThat(failureOf(new AssertionError("wrong method,"))).startsWith("wrong method, response was {");
        assertThat(failureOf(new AssertionError())).isEqualTo("Assertion failed");
        assertThat(failureOf(new IllegalStateException("no cart"))).startsWith(
                "IllegalStateException: no cart at RestTest.assertionTextsFollowLocust(RestTest.java:").contains(". Response was {");
    }

    private String failureOf(Throwable toThrow) {
        Throwable thrown = null;
        try {
            try (RestResponse r = client.rest("GET", "/echo")) {
                r.success(); // the exception wins over an earlier mark, as in Locust's rest()
                if (toThrow instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) toThrow;
            }
        } catch (RuntimeException | Error e) {
            thrown = e;
        }
        assertThat(AlreadyReported.isReported(thrown)).isTrue();
        return failureText(onlyEvent());
    }

    @Test
    @SuppressWarnings("try")
    void responseErrorIsTheFailureAndControlFlowReportsNothing() {
        assertThatThrownBy(() -> {
            try (RestResponse r = client.rest("GET", "/echo")) {
                throw new CatchResponseError("bad " + r.js().path("method").asText());
            }
        }).isInstanceOf(CatchResponseError.class).satisfies(e -> assertThat(AlreadyReported.isReported(e)).isTrue());
        assertThat(failureText(onlyEvent())).isEqualTo("bad GET");
        assertThatThrownBy(() -> {
            try (RestResponse ignored = client.rest("GET", "/echo")) {
                throw new RescheduleTask();
            }
        }).isInstanceOf(RescheduleTask.class).satisfies(e -> assertThat(AlreadyReported.isReported(e)).isFalse());
        assertThat(events).isEmpty();
    }

    /** A user whose REST checks fail: by an assertion and by a bug. */
    public static class Checker extends HttpUser {
        static final AtomicInteger AFTER = new AtomicInteger();

        @Override
        public WaitTime waitTime() {
            return WaitTime.constant(0.005);
        }

        @Task
        public void assertion() {
            try (RestResponse r = client().rest("GET", "/echo")) {
                if (!r.js().path("method").asText().equals("POST")) {
                    throw new AssertionError("not a POST");
                }
            }
            AFTER.incrementAndGet();
        }

        @Task
        public void bug() {
            try (RestResponse r = client().rest("GET", "/status/404")) {
                r.js().path("x").asText();
                throw new IllegalStateException("bug");
            }
        }
    }

    @Test
    void underTheRunnerFailuresAreRequestFailuresNotTaskExceptions() throws Exception {
        Environment env = Environment.builder().userClasses(List.of(Checker.class)).host(server.url()).build();
        var runner = env.createLocalRunner();
        runner.start(2, 100);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (env.stats().snapshot().total().numFailures() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        runner.quit();
        var s = env.stats().snapshot();
        assertThat(s.total().numFailures()).isGreaterThanOrEqualTo(20).isEqualTo(s.total().numRequests());
        assertThat(s.errors()).extracting(e -> e.name() + " " + e.error()).containsExactlyInAnyOrder(
                "/echo CatchResponseError('not a POST')",
                "/status/404 CatchResponseError('IllegalStateException: bug at RestTest$Checker.bug(RestTest.java:"
                        + lineOfBug() + "). Response was status 404')");
        assertThat(s.exceptions()).as("not counted again as task exceptions").isEmpty();
        assertThat(Checker.AFTER.get()).isZero();
    }

    private static int lineOfBug() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                    "src/test/java/dev/locustj/http/RestTest.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("throw new IllegalStateException(\"bug\")")) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("line not found");
    }
}
