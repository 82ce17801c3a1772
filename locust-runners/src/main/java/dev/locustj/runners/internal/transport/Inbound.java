package dev.locustj.runners.internal.transport;

import java.nio.charset.StandardCharsets;

/**
 * A received message: the sender's routing identity (empty on a DEALER) and the payload frame.
 *
 * @param identity the ZeroMQ routing identity (ROUTER side), or an empty array
 * @param payload  the msgpack payload
 * @param frames   how many frames arrived (2 is normal on a ROUTER, 1 on a DEALER)
 */
public record Inbound(byte[] identity, byte[] payload, int frames) {

    /** The identity as a string (Locust identities are UTF-8 node ids). */
    public String identityString() {
        return new String(identity, StandardCharsets.UTF_8);
    }
}
