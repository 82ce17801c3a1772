package dev.locustj.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.locustj.core.Host;
import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import dev.locustj.http.HttpResponse;
import dev.locustj.http.HttpUser;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A shopper: logs in once, browses a lot, looks at items (grouped under one stats name), fills the cart and checks
 * it. Locust's quick-start example, in Java.
 */
@Weight(3)
@Host("http://127.0.0.1:8080")
public class ShopUser extends HttpUser {

    /** The highest item id: the {@code --catalog-size} option of {@link ShopOptions}, read when the user starts. */
    private int catalogSize = 100;

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(0.1, 0.5);
    }

    /** Logs in; the session cookie is kept by the client for every later request. */
    @Override
    public void onStart() {
        catalogSize = environment().option(ShopOptions.CATALOG_SIZE).map(Integer::parseInt).orElse(100);
        client().post("/login", opt -> opt.json(Map.of("username", "user" + userId(), "password", "secret")));
    }

    /** The most frequent task: the catalogue. */
    @Task(5)
    public void browse() {
        client().get("/items");
    }

    /** One item; all ids count under one stats entry, {@code /item/[id]} (Locust's {@code name=}). */
    @Task(3)
    public void viewItem() {
        int id = ThreadLocalRandom.current().nextInt(1, catalogSize + 1);
        client().get("/item/" + id, opt -> opt.name("/item/[id]"));
    }

    /** Adds to the cart and checks the answer (Locust's {@code catch_response=True}). */
    @Task(2)
    public void addToCart() {
        Map<String, Object> line = Map.of("id", ThreadLocalRandom.current().nextInt(1, catalogSize + 1), "qty", 1);
        try (HttpResponse r = client().post("/cart", opt -> opt.json(line).catchResponse())) {
            if (r.statusCode() != 201) {
                r.failure("expected 201 Created, got " + r.statusCode());
            } else if (!r.json().path("ok").asBoolean()) {
                r.failure("cart did not say ok");
            } else {
                r.success();
            }
        }
    }

    /** Reads the cart; a 401 would mean the login cookie was lost. */
    @Task
    public void viewCart() {
        try (HttpResponse r = client().get("/cart", opt -> opt.catchResponse())) {
            JsonNode items = r.ok() ? r.json().path("items") : null;
            if (items == null || !items.isArray()) {
                r.failure("no cart (status " + r.statusCode() + ")");
            }
        }
    }
}
