package dev.locustj.benchmarks.users;

import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.http.HttpUser;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak scenario ({@code soak.sh}) against the demo target: two fixed names ({@code /hello}, {@code /items}) and
 * {@code /item/N} left unnamed, N from a bounded set of {@code SOAK_NAMES} (default 300) ids, so the stats keep a
 * few hundred names; a user waits 1 to 3 s between tasks.
 */
public class MixedNames extends HttpUser {

    static final int NAMES = Integer.parseInt(System.getenv().getOrDefault("SOAK_NAMES", "300"));

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(1, 3);
    }

    /** A fixed name. */
    @Task(2)
    public void hello() {
        client().get("/hello");
    }

    /** Another fixed name, a larger body. */
    @Task
    public void items() {
        client().get("/items");
    }

    /** One of a few hundred names (each id is its own stats entry, on purpose). */
    @Task(3)
    public void item() {
        client().get("/item/" + ThreadLocalRandom.current().nextInt(1, NAMES + 1));
    }
}
