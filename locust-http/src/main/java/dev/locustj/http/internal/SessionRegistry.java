package dev.locustj.http.internal;

import dev.locustj.core.Environment;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection pools of one environment's sessions, closed when the test stops and when the process quits.
 * Registered as an environment extension.
 */
public final class SessionRegistry {

    private static final Object LOCK = new Object();

    private final Set<ConnectionPool> pools = ConcurrentHashMap.newKeySet();

    private SessionRegistry() {
    }

    static SessionRegistry of(Environment env) {
        SessionRegistry r = env.extension(SessionRegistry.class).orElse(null);
        if (r != null) {
            return r;
        }
        synchronized (LOCK) {
            r = env.extension(SessionRegistry.class).orElse(null);
            if (r == null) {
                SessionRegistry created = new SessionRegistry();
                env.events().testStop().add(e -> created.closeAll());
                env.events().quitting().add(e -> created.closeAll());
                env.extension(SessionRegistry.class, created);
                r = created;
            }
            return r;
        }
    }

    void add(ConnectionPool pool) {
        pools.add(pool);
    }

    void remove(ConnectionPool pool) {
        pools.remove(pool);
    }

    /** Closes every idle connection of every session. */
    public void closeAll() {
        pools.forEach(ConnectionPool::closeAll);
    }

    /** How many sessions are registered. */
    public int size() {
        return pools.size();
    }
}
