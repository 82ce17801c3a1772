package dev.locustj.examples.http;

import dev.locustj.core.Host;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import dev.locustj.http.HttpUser;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A visitor who never logs in: reads the home page, or dives into the catalogue (a TaskSet) for a while and comes
 * back. Shows a nested {@link TaskSet}, {@link #interrupt()} and {@code renameRequest}.
 */
@Weight(1)
@Host("http://127.0.0.1:8080")
public class BrowsingUser extends HttpUser {

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(0.1, 0.5);
    }

    /** The home page and the greeting. */
    @Task
    public void home() {
        client().get("/");
        client().get("/hello");
    }

    /** The catalogue: picked three times as often as {@link #home()}; stays until {@code leave} runs. */
    @Task(3)
    public static class Catalog extends TaskSet<BrowsingUser> {

        /** The list. */
        @Task(4)
        public void list() {
            user().client().get("/items");
        }

        /** A few items in a row, all reported as {@code /item/[id]} (Locust's {@code rename_request}). */
        @Task(4)
        @SuppressWarnings("try") // the scope is used only for its close(); javac's -Xlint:try flags that
        public void someItems() {
            try (var ignored = user().client().renameRequest("/item/[id]")) {
                for (int i = 0; i < 3; i++) {
                    user().client().get("/item/" + ThreadLocalRandom.current().nextInt(1, 101));
                }
            }
        }

        /** Back to the user's own tasks. */
        @Task
        public void leave() {
            interrupt();
        }
    }
}
