package dev.locustj.http.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The idle connections of one session, per origin. Usually one: a session used by one thread takes its connection
 * and puts it back for every request. A connection in use is not in the pool, so concurrent callers open more.
 */
final class ConnectionPool {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Origin, ArrayDeque<Connection>> idle = new HashMap<>(4);

    /** An idle, still open connection to {@code origin}, or null. */
    Connection poll(Origin origin) {
        lock.lock();
        try {
            ArrayDeque<Connection> q = idle.get(origin);
            if (q == null) {
                return null;
            }
            Connection c;
            while ((c = q.pollLast()) != null) {
                if (c.isActive()) {
                    return c;
                }
                c.close();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Puts a connection back after a complete keep-alive exchange. */
    void release(Connection c) {
        lock.lock();
        try {
            idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>(2)).addLast(c);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every idle connection (connections in use are closed by their exchange's end). */
    void closeAll() {
        List<Connection> all = new ArrayList<>();
        lock.lock();
        try {
            idle.values().forEach(all::addAll);
            idle.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(Connection::close);
    }

    /** How many idle connections there are (tests). */
    int idleCount() {
        lock.lock();
        try {
            return idle.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }
}
