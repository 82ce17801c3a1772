package dev.locustj.examples.http;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.InterruptTaskSet;
import dev.locustj.core.User;
import dev.locustj.core.internal.UserRuntime;
import dev.locustj.examples.demo.DemoTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs each example's tasks once against the demo shop: every request succeeds. */
@Timeout(60)
class ExampleUsersTest {

    private static DemoTarget target;
    private final ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        target = DemoTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private <U extends User> U user(Class<U> type) {
        Environment env = Environment.builder().userClasses(List.of(ShopUser.class, BrowsingUser.class,
                ChecksUser.class)).host(target.url()).build();
        env.events().request().add(events::add);
        return UserRuntime.construct(type, new UserRuntime(env, target.url(), 1));
    }

    @Test
    void shopUserLogsInAndEveryTaskSucceeds() {
        ShopUser u = user(ShopUser.class);
        u.onStart();
        u.browse();
        u.viewItem();
        u.addToCart();
        u.viewCart();
        assertThat(events).extracting(e -> e.requestType() + " " + e.name())
                .containsExactly("POST /login", "GET /items", "GET /item/[id]", "POST /cart", "GET /cart");
        assertThat(events).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void browsingUserAndItsCatalogTaskSet() {
        BrowsingUser u = user(BrowsingUser.class);
        u.home();
        BrowsingUser.Catalog catalog = UserRuntime.construct(BrowsingUser.Catalog.class,
                new UserRuntime.TaskSetBinding(u, u));
        catalog.list();
        catalog.someItems();
        assertThatThrownBy(catalog::leave).isInstanceOf(InterruptTaskSet.class);
        assertThat(events).extracting(RequestEvent::name)
                .containsExactly("/", "/hello", "/items", "/item/[id]", "/item/[id]", "/item/[id]");
        assertThat(events).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }

    @Test
    void checksUserMarksTheExpected404AsSuccess() {
        ChecksUser u = user(ChecksUser.class);
        u.missingItem();
        u.slowPage();
        assertThat(events).extracting(RequestEvent::name).containsExactly("/item/[missing]", "/slow");
        assertThat(events).allSatisfy(e -> assertThat(e.exception()).isEmpty());
    }
}
