package dev.locustj.runners.internal;

import java.util.Map;
import java.util.Optional;

/** Tolerant readers for decoded msgpack values (numbers may come as any int or float form; protocol §3). */
final class Wire {

    private Wire() {
    }

    static Optional<Double> number(Object o) {
        return o instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    static Optional<Long> integer(Object o) {
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return Optional.of(((Number) o).longValue());
        }
        if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(d.longValue());
        }
        return Optional.empty();
    }

    static Optional<Map<?, ?>> map(Object o) {
        return o instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
    }

    /** A {class name: count} map; empty when malformed. */
    static Optional<Map<String, Integer>> classCounts(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Optional<Long> n = integer(e.getValue());
            if (!(e.getKey() instanceof String k) || n.isEmpty() || n.get() < 0 || n.get() > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            out.put(k, n.get().intValue());
        }
        return Optional.of(out);
    }
}
