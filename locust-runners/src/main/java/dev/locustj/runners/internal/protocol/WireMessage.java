package dev.locustj.runners.internal.protocol;

import java.util.Objects;

/**
 * One Locust message {@code [type, data, node_id]} (protocol §3).
 *
 * <p>{@code data} is a tree of plain Java values, {@code null} standing for msgpack nil: {@link String},
 * {@link Long} (or {@link java.math.BigInteger} above {@code Long.MAX_VALUE}), {@link Double}, {@link Boolean},
 * {@code byte[]}, {@link java.util.List}, {@link java.util.Map} (keys may be numbers),
 * {@link java.time.LocalDateTime} (Locust ≥2.20's {@code __datetime__} convention) and {@link ExtValue}. The encoder
 * accepts more: any {@link Number}, {@link java.util.Optional}, arrays, collections, {@link java.time.Instant}.
 *
 * @param type   the message type, e.g. {@code "client_ready"}
 * @param data   the payload, or null for nil
 * @param nodeId the sender's (worker → master) or the addressee's (master → worker) node id
 */
public record WireMessage(String type, Object data, String nodeId) {

    /** Checks the non-null parts. */
    public WireMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** A message without data (nil). */
    public static WireMessage of(String type, String nodeId) {
        return new WireMessage(type, null, nodeId);
    }
}
