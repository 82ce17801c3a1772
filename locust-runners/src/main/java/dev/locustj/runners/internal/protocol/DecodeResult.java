package dev.locustj.runners.internal.protocol;

/** The outcome of decoding one payload: a message, or an error value (never an exception). */
public sealed interface DecodeResult {

    /** A well-formed message. */
    record Ok(WireMessage message) implements DecodeResult {
    }

    /** A payload that isn't a Locust message; {@code reason} is one line for the log. */
    record Error(String reason) implements DecodeResult {
    }
}
