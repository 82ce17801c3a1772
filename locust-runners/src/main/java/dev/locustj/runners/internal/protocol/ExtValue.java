package dev.locustj.runners.internal.protocol;

import java.util.Arrays;

/**
 * A msgpack ext value, kept as is. Locust itself never sends ext types (protocol §3); they are decoded so that a
 * peer's odd payload is an ordinary value, and re-encoded unchanged.
 *
 * @param extType the ext type byte
 * @param bytes   the ext payload
 */
public record ExtValue(byte extType, byte[] bytes) {

    /** Copies the bytes. */
    public ExtValue {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtValue e && e.extType == extType && Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * extType + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ExtValue[" + extType + ", " + bytes.length + " bytes]";
    }
}
