package dev.locustj.examples.custom;

import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A user of a custom (non-HTTP) system: an in-process key-value store, reached through {@link TimedClient}. Reads
 * are three times as frequent as writes; a read of a missing key is a failure.
 */
public class KeyValueUser extends User {

    private static final Map<String, String> STORE = new ConcurrentHashMap<>();

    private final TimedClient client = new TimedClient(environment(), "kv");

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(0.01, 0.05);
    }

    /** Empties the store shared by all users of this process (so a run starts from a known state). */
    public static void resetStore() {
        STORE.clear();
    }

    /** Writes a random key. */
    @Task(1)
    public void put() {
        String key = "k" + ThreadLocalRandom.current().nextInt(100);
        client.call("put", () -> STORE.put(key, "value-of-" + key));
    }

    /** Reads a random key; missing keys fail. */
    @Task(3)
    public void get() {
        String key = "k" + ThreadLocalRandom.current().nextInt(100);
        client.call("get", () -> {
            String v = STORE.get(key);
            if (v == null) {
                throw new IllegalStateException("no such key");
            }
            return v;
        });
    }
}
