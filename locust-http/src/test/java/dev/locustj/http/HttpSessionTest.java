package dev.locustj.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.RescheduleTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HttpSession against a real Netty server on 127.0.0.1 (LF-35, LF-60..68). */
@Timeout(30)
class HttpSessionTest {

    private static TestServer server;
    private Environment env;
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
        env = Environment.builder().build();
        env.events().request().add(events::add);
        client = HttpSession.create(env, server.url(), HttpSettings.defaults());
    }

    private RequestEvent onlyEvent() {
        assertThat(events).hasSize(1);
        return events.poll();
    }

    @Test
    void getReportsOneSuccessfulRequestWithLocustFields() {
        double before = System.currentTimeMillis() / 1000.0;
        HttpResponse r = client.get("/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.ok()).isTrue();
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.url()).isEqualTo(server.url() + "/hello");
        RequestEvent e = onlyEvent();
        assertThat(e.requestType()).isEqualTo("GET");
        assertThat(e.name()).isEqualTo("/hello");
        assertThat(e.responseLength()).isEqualTo(5);
        assertThat(e.responseTime()).isPositive();
        assertThat(e.exception()).isEmpty();
        assertThat(e.startTime()).isBetween(before - 1, before + 5);
        assertThat(e.url()).contains(server.url() + "/hello");
        assertThat(e.response()).containsSame(r);
    }

    @Test
    void everyMethodIsSentWithItsBody() throws Exception {
        assertThat(client.get("/echo").json().get("method").asText()).isEqualTo("GET");
        assertThat(client.post("/echo", "p").json().get("body").asText()).isEqualTo("p");
        assertThat(client.put("/echo", "u").json().get("body").asText()).isEqualTo("u");
        assertThat(client.patch("/echo", "a").json().get("body").asText()).isEqualTo("a");
        assertThat(client.delete("/echo").json().get("method").asText()).isEqualTo("DELETE");
        assertThat(client.options("/echo").json().get("method").asText()).isEqualTo("OPTIONS");
        HttpResponse head = client.head("/echo");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(client.request("report", "/echo").send().json().get("method").asText()).isEqualTo("REPORT");
        assertThat(events).extracting(RequestEvent::requestType)
                .containsExactly("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "REPORT");
        assertThat(events).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void headersQueryAndFormAreSent() {
        JsonNode j = client.request("POST", "/echo?a=1")
                .header("X-Test", "yes").query("b", "two words").query(Map.of("c", 3))
                .form(Map.of("f", "v&w")).send().json();
        assertThat(j.get("headers").get("x-test").asText()).isEqualTo("yes");
        assertThat(j.get("query").get("a").asText()).isEqualTo("1");
        assertThat(j.get("query").get("b").asText()).isEqualTo("two words");
        assertThat(j.get("query").get("c").asText()).isEqualTo("3");
        assertThat(j.get("body").asText()).isEqualTo("f=v%26w");
        assertThat(j.get("headers").get("content-type").asText()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(onlyEvent().name()).isEqualTo("/echo?a=1&b=two+words&c=3");
    }

    record Item(String name, int qty) {
    }

    @Test
    void jsonRoundTripsThroughJackson() throws Exception {
        HttpResponse r = client.post("/echo", opt -> opt.json(new Item("apple", 3)));
        JsonNode echoed = r.json();
        assertThat(echoed.get("headers").get("content-type").asText()).isEqualTo("application/json");
        Item back = new com.fasterxml.jackson.databind.ObjectMapper().readValue(echoed.get("body").asText(),
                Item.class);
        assertThat(back).isEqualTo(new Item("apple", 3));
        assertThatThrownBy(() -> client.get("/hello").json()).isInstanceOf(dev.locustj.core.LocustException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void cookiesAreKeptAcrossRequests() {
        client.post("/login?user=alice", "");
        assertThat(client.cookies()).containsEntry("session", "alice");
        assertThat(client.get("/cookies").text()).isEqualTo("session=alice");
        assertThat(client.get("/cookies", opt -> opt.cookie("extra", "1")).text())
                .isEqualTo("session=alice; extra=1");
        client.clearCookies();
        assertThat(client.get("/cookies").text()).isEqualTo("null");
        HttpSession other = HttpSession.create(env, server.url(), HttpSettings.defaults());
        assertThat(other.get("/cookies").text()).isEqualTo("null");
    }

    @Test
    void redirectsAreFollowedAndCountedOnceUnderTheFirstName() {
        HttpResponse r = client.get("/redirect/3");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("landed GET");
        assertThat(r.url()).isEqualTo(server.url() + "/redirect/0");
        RequestEvent e = onlyEvent();
        assertThat(e.name()).isEqualTo("/redirect/3");
        assertThat(e.exception()).isEmpty();
        for (int code : new int[] {301, 303, 307, 308}) {
            HttpResponse p = client.post("/redirect/1?code=" + code, "x");
            String expected = code == 307 || code == 308 ? "landed POST" : "landed GET";
            assertThat(p.text()).as("POST with %d", code).isEqualTo(expected);
        }
        assertThat(events).hasSize(4);
        HttpResponse noFollow = client.get("/redirect/1", opt -> opt.allowRedirects(false));
        assertThat(noFollow.statusCode()).isEqualTo(302);
        assertThat(noFollow.header("location")).contains("/redirect/0");
    }

    @Test
    void tooManyRedirectsFail() {
        HttpSession limited = HttpSession.create(env, server.url(), HttpSettings.defaults().withMaxRedirects(2));
        HttpResponse r = limited.get("/redirect/5");
        assertThat(r.ok()).isFalse();
        assertThat(onlyEvent().exception()).get().extracting(Throwable::getMessage)
                .isEqualTo("Exceeded 2 redirects.");
    }

    @Test
    void gzipIsDecoded() {
        HttpResponse r = client.get("/gzip");
        assertThat(r.text()).isEqualTo("hello gzip ".repeat(100));
        assertThat(onlyEvent().responseLength()).isEqualTo(1100);
    }

    @Test
    void plainAndCompressedResponsesMixOnOneKeptAliveConnection() {
        // the decompressor joins the connection's pipeline with its first compressed response (issue 4)
        int before = server.connections.get();
        for (int i = 0; i < 2; i++) {
            assertThat(client.get("/hello").text()).isEqualTo("hello");
            assertThat(client.get("/gzip").text()).isEqualTo("hello gzip ".repeat(100));
            assertThat(client.get("/hello").text()).isEqualTo("hello");
            assertThat(client.get("/deflate").text()).isEqualTo("hello deflate ".repeat(100));
        }
        assertThat(events).extracting(RequestEvent::responseLength)
                .containsExactly(5L, 1100L, 5L, 1400L, 5L, 1100L, 5L, 1400L);
        assertThat(server.connections.get() - before).as("one keep-alive connection").isEqualTo(1);
    }

    @Test
    void statusOf400OrMoreFailsWithoutThrowing() {
        HttpResponse r = client.get("/status/404");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.ok()).isFalse();
        RequestEvent e = onlyEvent();
        assertThat(e.exception()).get().isInstanceOf(HTTPError.class).extracting(Throwable::getMessage)
                .isEqualTo("404 Client Error: Not Found for url: /status/404");
        assertThatThrownBy(r::raiseForStatus).isInstanceOf(HTTPError.class);
        assertThat(client.get("/status/503").error()).isEmpty();
        assertThat(events.poll().exception()).get().extracting(Throwable::getMessage)
                .isEqualTo("503 Server Error: Service Unavailable for url: /status/503");
        assertThat(client.get("/status/204").raiseForStatus().statusCode()).isEqualTo(204);
    }

    @Test
    void failuresReachTheStatsWithLocustsErrorTexts() {
        client.get("/status/404");
        client.get("/status/404");
        try (HttpResponse r = client.get("/hello", opt -> opt.catchResponse())) {
            r.failure("no ok");
        }
        client.get("/hello");
        var snapshot = env.stats().snapshot();
        assertThat(snapshot.total().numRequests()).isEqualTo(4);
        assertThat(snapshot.total().numFailures()).isEqualTo(3);
        assertThat(snapshot.errors()).extracting(e -> e.method() + " " + e.name() + " " + e.error() + " x"
                + e.occurrences()).containsExactlyInAnyOrder(
                "GET /status/404 HTTPError('404 Client Error: Not Found for url: /status/404') x2",
                "GET /hello CatchResponseError('no ok') x1");
    }

    @Test
    @SuppressWarnings("try")
    void catchResponseReportsOnceOnCloseWithTheMarkedOutcome() {
        try (HttpResponse r = client.get("/hello", opt -> opt.catchResponse())) {
            assertThat(events).isEmpty();
            if (!r.text().contains("ok")) {
                r.failure("no ok");
            } else {
                r.success();
            }
        }
        RequestEvent e = onlyEvent();
        assertThat(e.exception()).get().isInstanceOf(CatchResponseError.class)
                .extracting(Throwable::getMessage).isEqualTo("no ok");

        try (HttpResponse r = client.get("/status/404", opt -> opt.catchResponse())) {
            r.success();
        }
        assertThat(onlyEvent().exception()).isEmpty();

        try (HttpResponse ignored = client.get("/status/500", opt -> opt.catchResponse())) {
            // nothing marked: the status decides
        }
        assertThat(onlyEvent().exception()).get().isInstanceOf(HTTPError.class);

        HttpResponse twice = client.get("/hello", opt -> opt.catchResponse());
        twice.close();
        twice.close();
        assertThat(onlyEvent().exception()).isEmpty();
        assertThatThrownBy(twice::success).hasMessageContaining("after the response was closed");
    }

    @Test
    void catchResponseWithRescheduleTaskAndDiscardReportsNothing() {
        assertThatThrownBy(() -> {
            try (HttpResponse r = client.get("/status/404", opt -> opt.catchResponse())) {
                if (r.statusCode() == 404) {
                    r.discard();
                    throw new RescheduleTask();
                }
            }
        }).isInstanceOf(RescheduleTask.class);
        assertThat(events).isEmpty();
    }

    @Test
    void rescheduleTaskThrownInsideACaughtBlockReportsNothingAsInLocust() {
        assertThatThrownBy(() -> {
            try (HttpResponse r = client.get("/status/404", opt -> opt.catchResponse())) {
                if (r.statusCode() == 404) {
                    throw new RescheduleTask();
                }
            }
        }).isInstanceOf(RescheduleTask.class);
        assertThat(events).isEmpty();
        try (HttpResponse r = client.get("/status/404", opt -> opt.catchResponse())) {
            r.statusCode(); // leaves normally: the status decides
        }
        assertThat(onlyEvent().exception()).get().isInstanceOf(HTTPError.class);
    }

    @Test
    void responseErrorThrownInsideACaughtBlockIsTheFailure() {
        assertThatThrownBy(() -> {
            try (HttpResponse r = client.get("/hello", opt -> opt.catchResponse())) {
                if (!r.text().contains("ok")) {
                    throw new CatchResponseError("no ok in body");
                }
            }
        }).isInstanceOf(CatchResponseError.class);
        assertThat(onlyEvent().exception()).get().isInstanceOf(CatchResponseError.class)
                .extracting(Throwable::getMessage).isEqualTo("no ok in body");
    }

    @Test
    void markedOutcomeWinsOverAnExceptionLeavingTheBlock() {
        assertThatThrownBy(() -> {
            try (HttpResponse r = client.get("/hello", opt -> opt.catchResponse())) {
                r.failure("bad");
                throw new RescheduleTask();
            }
        }).isInstanceOf(RescheduleTask.class);
        assertThat(onlyEvent().exception()).get().extracting(Throwable::getMessage).isEqualTo("bad");
    }

    @Test
    void successAndFailureNeedCatchResponse() {
        HttpResponse r = client.get("/hello");
        assertThatThrownBy(r::success).isInstanceOf(dev.locustj.core.LocustException.class)
                .hasMessageContaining("catchResponse()");
        r.close();
        assertThat(events).hasSize(1);
    }

    @Test
    @SuppressWarnings("try")
    void nameAndRenameGroupRequests() {
        client.get("/echo?id=1", opt -> opt.name("/echo?id=[id]"));
        try (var ignored = client.renameRequest("/item/[id]")) {
            client.get("/echo?id=2");
            client.get("/echo?id=3", opt -> opt.name("own"));
        }
        client.get("/echo?id=4");
        assertThat(events).extracting(RequestEvent::name)
                .containsExactly("/echo?id=[id]", "/item/[id]", "own", "/echo?id=4");
    }

    @Test
    void contextMergesUserAndRequestContext() {
        HttpSession s = dev.locustj.http.internal.DefaultHttpSession.create(env, server.url(),
                HttpSettings.defaults(), () -> Map.of("user", "u1", "k", "user"));
        s.get("/hello", opt -> opt.context("k", "request"));
        assertThat(onlyEvent().context()).containsEntry("user", "u1").containsEntry("k", "request");
    }

    @Test
    void responseTimeoutFailsWithStatusZero() {
        HttpResponse r = client.get("/never", opt -> opt.timeout(Duration.ofMillis(200)));
        assertThat(r.statusCode()).isZero();
        assertThat(r.error()).get().isInstanceOf(TimeoutError.class);
        RequestEvent e = onlyEvent();
        assertThat(e.exception()).get().extracting(Throwable::getMessage).asString()
                .startsWith("Read timed out (timeout=200 ms)");
        assertThat(e.responseTime()).isGreaterThanOrEqualTo(150);
        assertThat(e.responseLength()).isZero();
        assertThat(client.get("/hello").ok()).as("the session still works").isTrue();
    }

    @Test
    void shortTimeoutAfterALongOneOnTheSameConnectionFiresOnTime() {
        // one lazy timer per connection: the first request leaves a check pending 30 s out, which must not delay
        // the second request's 200-ms timeout
        assertThat(client.get("/hello", opt -> opt.timeout(Duration.ofSeconds(30))).ok()).isTrue();
        events.clear();
        HttpResponse r = client.get("/never", opt -> opt.timeout(Duration.ofMillis(200)));
        assertThat(r.error()).get().isInstanceOf(TimeoutError.class);
        assertThat(onlyEvent().responseTime()).isBetween(150.0, 5_000.0);
    }

    @Test
    void pendingTimeoutCheckRearmsForALaterRequestInsteadOfFailingIt() throws Exception {
        // the first request's check fires at 400 ms, while the second (started at ~250 ms, deadline ~650 ms, answer
        // at ~550 ms) is in flight: the check must re-arm for that deadline, not time it out
        Duration timeout = Duration.ofMillis(400);
        assertThat(client.get("/hello", opt -> opt.timeout(timeout)).ok()).isTrue();
        Thread.sleep(250);
        HttpResponse slow = client.get("/slow/300", opt -> opt.timeout(timeout));
        assertThat(slow.error()).isEmpty();
        assertThat(slow.text()).isEqualTo("slow");
        HttpResponse never = client.get("/never", opt -> opt.timeout(Duration.ofMillis(200)));
        assertThat(never.error()).get().isInstanceOf(TimeoutError.class);
    }

    @Test
    void connectionRefusedFailsWithStatusZeroAndNeverThrows() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpSession dead = HttpSession.create(env, "http://127.0.0.1:" + port, HttpSettings.defaults());
        HttpResponse r = dead.get("/x");
        assertThat(r.statusCode()).isZero();
        assertThat(r.ok()).isFalse();
        assertThat(r.text()).isEmpty();
        assertThat(onlyEvent().exception()).get().isInstanceOf(ConnectionError.class)
                .extracting(Throwable::getMessage).isEqualTo("Connection refused: 127.0.0.1:" + port);
        assertThatThrownBy(r::raiseForStatus).isInstanceOf(ConnectionError.class);
    }

    @Test
    void connectTimeoutFailsWithStatusZero() throws Exception {
        // A listener that never accepts, with its accept queue filled: the kernel drops further SYNs.
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (java.io.IOException e) {
                        s.close();
                        break; // the queue is full
                    }
                }
                HttpSession slow = HttpSession.create(env, "http://127.0.0.1:" + full.getLocalPort(),
                        HttpSettings.defaults().withConnectTimeout(Duration.ofMillis(300)));
                HttpResponse r = slow.get("/x");
                assertThat(r.statusCode()).isZero();
                assertThat(r.error()).get().isInstanceOf(TimeoutError.class).extracting(Throwable::getMessage)
                        .isEqualTo("Connect timed out: 127.0.0.1:" + full.getLocalPort());
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void unknownHostFailsWithStatusZero() {
        HttpSession dns = HttpSession.create(env, "http://no-such-host.invalid", HttpSettings.defaults());
        HttpResponse r = dns.get("/");
        assertThat(r.statusCode()).isZero();
        assertThat(r.error()).get().extracting(Throwable::getMessage)
                .isEqualTo("Failed to resolve 'no-such-host.invalid'");
    }

    @Test
    void serverClosingWithoutOrMidResponseFails() {
        HttpResponse none = client.get("/close");
        assertThat(none.statusCode()).isZero();
        assertThat(none.error()).get().extracting(Throwable::getMessage)
                .isEqualTo("Remote end closed connection without response");
        HttpResponse mid = client.get("/close-mid");
        assertThat(mid.statusCode()).isZero();
        assertThat(mid.error()).get().extracting(Throwable::getMessage)
                .isEqualTo("Connection closed before the response was complete");
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.exception()).isPresent());
        assertThat(client.get("/hello").ok()).isTrue();
    }

    @Test
    void oneKeepAliveConnectionIsReusedAndReopenedAfterConnectionClose() {
        int before = server.connections.get();
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/hello").ok()).isTrue();
        }
        assertThat(server.connections.get() - before).isEqualTo(1);
        assertThat(client.get("/conn-close").text()).isEqualTo("bye");
        assertThat(client.get("/hello").ok()).isTrue();
        assertThat(server.connections.get() - before).isEqualTo(2);
        client.get("/hello", opt -> opt.header("Connection", "close"));
        client.get("/hello");
        assertThat(server.connections.get() - before).isEqualTo(3);
    }

    @Test
    void keepAliveConnectionClosedByTheServerWhileIdleIsReplacedTransparently() throws Exception {
        for (int delay : new int[] {0, 30}) {
            assertThat(client.get("/close-after/" + delay).ok()).isTrue();
            Thread.sleep(60);
            HttpResponse next = client.post("/upload", "abc");
            assertThat(next.ok()).as("after an idle close %d ms later", delay).isTrue();
            assertThat(next.text()).isEqualTo("3");
        }
        assertThat(events).hasSize(4).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void bodyDelimitedByConnectionCloseIsRead() {
        HttpResponse r = client.get("/no-length");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("until the end");
        assertThat(client.get("/hello").ok()).isTrue();
    }

    @Test
    void fileBodyIsStreamedFromDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("upload.bin");
        byte[] data = new byte[3 << 20];
        java.util.Arrays.fill(data, (byte) 'x');
        java.nio.file.Files.write(file, data);
        HttpResponse r = client.post("/upload", opt -> opt.body(file, "application/octet-stream"));
        assertThat(r.text()).isEqualTo(String.valueOf(data.length));
        assertThat(client.post("/echo", opt -> opt.body(file, "text/plain")).json().get("headers")
                .get("content-length").asText()).isEqualTo(String.valueOf(data.length));
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void largeBodiesBothWaysAndStreaming() {
        byte[] big = new byte[8 << 20];
        assertThat(client.post("/upload", opt -> opt.body(big)).text()).isEqualTo(String.valueOf(big.length));
        HttpResponse down = client.get("/big/5000000");
        assertThat(down.bytes()).hasSize(5_000_000);
        HttpResponse streamed = client.get("/big/3000000", opt -> opt.stream());
        assertThat(streamed.bytes()).isEmpty();
        List<RequestEvent> all = List.copyOf(events);
        assertThat(all).extracting(RequestEvent::responseLength).containsExactly(7L, 5_000_000L, 3_000_000L);
    }

    @Test
    void hostWithBasePathAndBasicAuthFromUrl() {
        HttpSession s = HttpSession.create(env, "http://bob:secret@127.0.0.1:" + server.port() + "/echo/",
                HttpSettings.defaults());
        JsonNode j = s.get("/sub?x=1").json();
        assertThat(j.get("uri").asText()).isEqualTo("/echo/sub?x=1");
        assertThat(j.get("headers").get("authorization").asText()).isEqualTo("Basic Ym9iOnNlY3JldA==");
        assertThat(onlyEvent().name()).isEqualTo("/echo/sub?x=1");
        JsonNode k = client.get("/echo", opt -> opt.basicAuth("a", "b")).json();
        assertThat(k.get("headers").get("authorization").asText()).isEqualTo("Basic YTpi");
    }

    @Test
    void absoluteUrlsAreUsedAsGiven() {
        HttpSession s = HttpSession.create(env, "http://127.0.0.1:1/unused", HttpSettings.defaults());
        assertThat(s.get(server.url() + "/hello").text()).isEqualTo("hello");
        assertThat(onlyEvent().name()).isEqualTo("/hello");
    }

    @Test
    void unsafeCharactersInPathsAreEncodedAndEscapesKept() {
        JsonNode j = client.get("/echo?q=a b&city=Zürich&x=%41").json();
        assertThat(j.get("uri").asText()).isEqualTo("/echo?q=a%20b&city=Z%C3%BCrich&x=%41");
        assertThat(j.get("query").get("city").asText()).isEqualTo("Zürich");
    }

    @Test
    void sessionHeadersAreSentWithEveryRequest() {
        client.header("X-Token", "t1");
        HttpSession withDefaults = HttpSession.create(env, server.url(),
                HttpSettings.defaults().withDefaultHeader("X-App", "demo"));
        assertThat(client.get("/echo").json().get("headers").get("x-token").asText()).isEqualTo("t1");
        assertThat(withDefaults.get("/echo").json().get("headers").get("x-app").asText()).isEqualTo("demo");
    }

    @Test
    void invalidUrlsAreOneClearError() {
        assertThatThrownBy(() -> HttpSession.create(env, "127.0.0.1:8080", HttpSettings.defaults()))
                .isInstanceOf(dev.locustj.core.LocustException.class)
                .hasMessageContaining("only http:// and https://");
    }
}
