package dev.locustj.core.internal;

import dev.locustj.core.LocustException;
import dev.locustj.core.MessageHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom message handlers of one runner (LF-83): one per type, registering a type twice is an error. Shared by
 * the local, master and worker runners; each decides how to log a message nobody handles.
 */
public final class MessageHandlers {

    private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();

    /** Registers the handler of {@code type}; fails if the type has one already. */
    public void register(String type, MessageHandler handler) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new LocustException("a handler for message type '" + type + "' is already registered");
        }
    }

    /** The handler of {@code type}, if registered. */
    public Optional<MessageHandler> get(String type) {
        return Optional.ofNullable(handlers.get(type));
    }
}
