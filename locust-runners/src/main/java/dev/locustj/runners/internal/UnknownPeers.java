package dev.locustj.runners.internal;

import org.slf4j.Logger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the master does with peers that never registered ({@code client_ready}) with it: their stats, exceptions
 * and logs are discarded, and one that heartbeats (a worker of a master that was restarted, ASK-06) is asked once to
 * {@code reconnect} with {@code {"register": true}}, so that a Java worker registers again (a Python worker only
 * resets its connection). A worker that left (stopped, or waiting to be ready again) is not unknown.
 */
final class UnknownPeers {

    /** Sends one message to a peer. */
    interface Sender {
        void send(String id, String type, Object data);
    }

    private static final int MAX_ASKED = 10_000;

    private final WorkerRegistry workers;
    private final Object lock;
    private final SenderLog senderLog;
    private final Logger log;
    private final Sender sender;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    UnknownPeers(WorkerRegistry workers, Object lock, SenderLog senderLog, Logger log, Sender sender) {
        this.workers = workers;
        this.lock = lock;
        this.senderLog = senderLog;
        this.log = log;
        this.sender = sender;
    }

    /**
     * Whether {@code what} from {@code id} is to be discarded because {@code id} never registered here; logged at
     * INFO once per sender, then at DEBUG.
     */
    boolean discards(String identity, String id, String what) {
        synchronized (lock) {
            if (workers.everRegistered(id)) {
                return false;
            }
        }
        senderLog.infoOnce(identity, "unregistered", "Discarded " + what + " from unrecognized worker " + id);
        return true;
    }

    /** A heartbeat from a worker this master does not know now (the caller holds the lock). */
    void heartbeat(String id) {
        if (!workers.everRegistered(id) && asked.size() < MAX_ASKED && asked.add(id)) {
            log.debug("Got heartbeat message from unknown worker {}; asking it to reconnect", id);
            sender.send(id, "reconnect", Map.of(WorkerRunner.RECONNECT_REGISTER, true));
        } else {
            log.debug("Got heartbeat message from unknown worker {}", id);
        }
    }
}
