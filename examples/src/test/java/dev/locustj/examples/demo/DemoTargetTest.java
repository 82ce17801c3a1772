package dev.locustj.examples.demo;

import dev.locustj.core.Environment;
import dev.locustj.http.HttpResponse;
import dev.locustj.http.HttpSession;
import dev.locustj.http.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the demo shop, through the real HTTP client. */
@Timeout(30)
class DemoTargetTest {

    private static DemoTarget target;

    @BeforeAll
    static void start() {
        target = DemoTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static HttpSession session() {
        return HttpSession.create(Environment.builder().build(), target.url(), HttpSettings.defaults());
    }

    @Test
    void servesTheShopRoutes() {
        HttpSession c = session();
        long before = target.requestCount();
        assertThat(c.get("/").text()).contains("Demo shop");
        assertThat(c.get("/hello").text()).isEqualTo("Hello, World!");
        assertThat(c.get("/items").json()).hasSize(100);
        assertThat(c.get("/item/5").json().get("id").asInt()).isEqualTo(5);
        assertThat(c.get("/item/101").statusCode()).isEqualTo(404);
        assertThat(c.get("/status/418").statusCode()).isEqualTo(418);
        assertThat(c.get("/nope").statusCode()).isEqualTo(404);
        assertThat(target.requestCount() - before).isEqualTo(7);
    }

    @Test
    void cartNeedsTheLoginCookie() {
        HttpSession c = session();
        assertThat(c.get("/cart").statusCode()).isEqualTo(401);
        assertThat(c.post("/login", opt -> opt.form(Map.of("username", "a"))).ok()).isTrue();
        assertThat(c.cookies()).containsKey("session");
        assertThat(c.get("/cart").json().get("items")).isEmpty();
        HttpResponse added = c.post("/cart", opt -> opt.json(Map.of("id", 3, "qty", 2)));
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.json().get("count").asInt()).isEqualTo(1);
        assertThat(c.post("/cart", "not json").statusCode()).isEqualTo(400);
        assertThat(c.get("/cart").json().get("items").get(0).get("id").asInt()).isEqualTo(3);
        assertThat(session().get("/cart").statusCode()).as("another session has no cookie").isEqualTo(401);
    }

    @Test
    void slowAnswersLaterWithoutBlockingOthers() {
        AtomicLong helloDone = new AtomicLong();
        CompletableFuture<HttpResponse> slow = CompletableFuture.supplyAsync(() -> session().get("/slow"));
        HttpResponse hello = session().get("/hello");
        helloDone.set(System.nanoTime());
        HttpResponse s = slow.join();
        assertThat(hello.ok()).isTrue();
        assertThat(s.text()).isEqualTo("slow");
        assertThat(s.elapsed().toMillis()).isGreaterThanOrEqualTo(195);
    }
}
