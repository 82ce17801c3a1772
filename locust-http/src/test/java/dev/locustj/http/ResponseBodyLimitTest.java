package dev.locustj.http;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Response bodies are kept up to {@link HttpSettings#maxBodySize()}, counted after decompression; a longer one fails
 * its request with one clear message instead of filling the heap, and stream() bodies are counted, never kept. The
 * module's tests run with a 512 MB heap, so a body that were kept whole would end in OutOfMemoryError here.
 */
@Timeout(60)
class ResponseBodyLimitTest {

    private static final String OVER_1_MB = "Response body over the 1 MB limit (HttpSettings.maxBodySize): "
            + "use stream() for a body the task does not read";
    private static final String OVER_64_MB = OVER_1_MB.replace("1 MB", "64 MB");

    private static TestServer server;
    private final ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
    private Environment env;

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
    }

    private HttpSession session(HttpSettings settings) {
        return HttpSession.create(env, server.url(), settings.withTimeout(Duration.ofSeconds(30)));
    }

    private static void assertFailedOverLimit(HttpResponse r, String message) {
        assertThat(r.statusCode()).isZero();
        assertThat(r.bytes()).isEmpty();
        assertThat(r.error()).get().isInstanceOf(ConnectionError.class)
                .extracting(Throwable::getMessage).isEqualTo(message);
    }

    @Test
    void aBodyOverTheLimitFailsItsRequestWithOneClearMessage() {
        HttpSession s = session(HttpSettings.defaults().withMaxBodySize(1 << 20));
        assertFailedOverLimit(s.get("/big/2000000"), OVER_1_MB); // Content-Length: fails at the head
        assertFailedOverLimit(s.get("/chunked/2000000"), OVER_1_MB); // no length: fails as it grows
        HttpResponse atLimit = s.get("/chunked/" + (1 << 20));
        assertThat(atLimit.ok()).isTrue();
        assertThat(atLimit.bytes()).hasSize(1 << 20);
        assertThat(s.get("/big/" + (1 << 20)).bytes()).hasSize(1 << 20);
        assertThat(s.get("/hello").text()).isEqualTo("hello"); // the session goes on
        List<RequestEvent> all = new ArrayList<>(events);
        assertThat(all).extracting(e -> e.exception().map(Throwable::getMessage).orElse("ok"))
                .containsExactly(OVER_1_MB, OVER_1_MB, "ok", "ok", "ok");
        assertThat(all).extracting(RequestEvent::responseLength)
                .containsExactly(0L, 0L, (long) (1 << 20), (long) (1 << 20), 5L);
    }

    @Test
    void endlessBodiesStopAtTheDefaultLimitWithoutFillingTheHeap() throws InterruptedException {
        HttpSession s = session(HttpSettings.defaults());
        List<HttpResponse> responses = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(Thread.ofVirtual().start(() -> responses.add(s.get("/endless"))));
        }
        for (Thread t : users) {
            t.join(Duration.ofSeconds(50));
        }
        assertThat(responses).hasSize(3).allSatisfy(r -> assertFailedOverLimit(r, OVER_64_MB));
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.responseLength()).isZero());
    }

    @Test
    void theLimitCountsDecompressedBytesSoAGzipBombFails() {
        // 80 MB of zeros is about 80 KB of gzip: under any limit on the wire, over the default one decompressed
        assertFailedOverLimit(session(HttpSettings.defaults()).get("/gzip-zeros/80000000"), OVER_64_MB);
        HttpSession small = session(HttpSettings.defaults().withMaxBodySize(1 << 20));
        assertFailedOverLimit(small.get("/gzip-zeros/2000000"), OVER_1_MB);
        assertThat(small.get("/gzip-zeros/1000000").bytes()).hasSize(1_000_000);
    }

    @Test
    void streamedBodiesAreCountedAndDroppedWhateverTheLimit() {
        HttpSession s = session(HttpSettings.defaults().withMaxBodySize(1 << 20));
        HttpResponse big = s.get("/chunked/100000000", opt -> opt.stream()); // no Content-Length: counted
        assertThat(big.ok()).isTrue();
        assertThat(big.bytes()).isEmpty();
        HttpResponse declared = s.get("/big/3000000", opt -> opt.stream());
        assertThat(declared.ok()).isTrue();
        assertThat(events).extracting(RequestEvent::responseLength).containsExactly(100_000_000L, 3_000_000L);
        assertThat(events).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void headResponsesDeclaringABigBodyAreNotOverTheLimit() {
        HttpResponse r = session(HttpSettings.defaults().withMaxBodySize(1 << 20)).head("/big/5000000");
        assertThat(r.ok()).isTrue();
        assertThat(r.header("Content-Length")).contains("5000000");
        assertThat(events).extracting(RequestEvent::responseLength).containsExactly(0L);
    }

    @Test
    void theLimitIsChecked() {
        assertThat(HttpSettings.defaults().maxBodySize()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxBodySize(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxBodySize must be between 1 and 2147483631 bytes, got 0");
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxBodySize(3L << 30))
                .isInstanceOf(ConfigurationException.class);
    }
}
