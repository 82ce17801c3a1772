package dev.locustj.core;

import java.util.Optional;

/**
 * A custom message between nodes (Locust's {@code send_message}/{@code register_message}).
 *
 * @param type   the message type
 * @param data   the payload: maps, lists, strings, numbers, booleans (anything msgpack carries), or empty
 * @param nodeId the sender's id ("local" for the local runner)
 */
public record Message(String type, Optional<Object> data, String nodeId) {
}
