package dev.locustj.core.internal.stats;

import java.util.Arrays;

/**
 * One serialized StatsEntry of a worker report (protocol 7.1) that a streaming msgpack decoder read field by field
 * into primitives, without the generic map that {@link RequestStats#mergeWorkerReport} otherwise reads (a master
 * merges thousands of entries a second; the maps of boxed numbers were most of its CPU).
 *
 * <p>{@link Builder} applies exactly the rules of the generic path (the same code in {@code WireCodec}): it throws
 * {@link WireFormatException} wherever the generic path would reject the entry, and a decoder then falls back to
 * the generic path, which reports the problem as before. Equal when the decoded values are equal.
 */
public final class WireEntry {

    /** The keys of a serialized entry that the merge reads; other keys are ignored by it. */
    public enum Field {
        /** {@code name}: a string. */
        NAME("name", Kind.STRING),
        /** {@code method}: a string, nil or missing for "". */
        METHOD("method", Kind.METHOD),
        /** {@code last_request_timestamp}: seconds, nil or missing for none. */
        LAST_REQUEST_TIMESTAMP("last_request_timestamp", Kind.NULLABLE_NUMBER),
        /** {@code start_time}: seconds; missing for "now". */
        START_TIME("start_time", Kind.NUMBER),
        /** {@code num_requests}. */
        NUM_REQUESTS("num_requests", Kind.COUNT),
        /** {@code num_none_requests}. */
        NUM_NONE_REQUESTS("num_none_requests", Kind.COUNT),
        /** {@code num_failures}. */
        NUM_FAILURES("num_failures", Kind.COUNT),
        /** {@code total_response_time} (ms). */
        TOTAL_RESPONSE_TIME("total_response_time", Kind.NUMBER),
        /** {@code max_response_time} (ms). */
        MAX_RESPONSE_TIME("max_response_time", Kind.NUMBER),
        /** {@code min_response_time} (ms), nil when no request had a time. */
        MIN_RESPONSE_TIME("min_response_time", Kind.NULLABLE_NUMBER),
        /** {@code total_content_length}. */
        TOTAL_CONTENT_LENGTH("total_content_length", Kind.COUNT),
        /** {@code response_times}: {bucket ms: count}. */
        RESPONSE_TIMES("response_times", Kind.MAP),
        /** {@code num_reqs_per_sec}: {epoch second: count}. */
        NUM_REQS_PER_SEC("num_reqs_per_sec", Kind.MAP),
        /** {@code num_fail_per_sec}: {epoch second: count}. */
        NUM_FAIL_PER_SEC("num_fail_per_sec", Kind.MAP),
        /** {@code hdr_us}: Java workers' {microseconds: count} histogram delta. */
        HDR_US(StatsEntry.HDR_KEY, Kind.MAP);

        private final String wireName;
        private final Kind kind;

        Field(String wireName, Kind kind) {
            this.wireName = wireName;
            this.kind = kind;
        }

        /** The key as it is on the wire. */
        public String wireName() {
            return wireName;
        }

        /** Whether the value is a {key: count} map. */
        public boolean isCountMap() {
            return kind == Kind.MAP;
        }
    }

    private enum Kind { STRING, METHOD, NUMBER, NULLABLE_NUMBER, COUNT, MAP }

    private static final int FIELDS = Field.values().length;

    /** Start time NaN when the entry had none (the merge puts its "now" in). */
    private final WireCodec.EntryDelta delta;

    private WireEntry(WireCodec.EntryDelta delta) {
        this.delta = delta;
    }

    /**
     * The generic path's reading of the same entry (a decoded map), for comparisons; throws
     * {@link WireFormatException} where the merge would skip the entry.
     */
    public static WireEntry fromMap(Object raw) {
        return new WireEntry(WireCodec.entry(raw, Double.NaN));
    }

    /** The delta to merge, "now" standing in for a missing start time. */
    WireCodec.EntryDelta delta(double nowSeconds) {
        WireCodec.EntryDelta d = delta;
        if (!Double.isNaN(d.startTime())) {
            return d;
        }
        return new WireCodec.EntryDelta(d.name(), d.method(), d.lastRequestTimestamp(), nowSeconds, d.numRequests(),
                d.numNoneRequests(), d.numFailures(), d.totalResponseTime(), d.maxResponseTime(),
                d.minResponseTime(), d.totalContentLength(), d.responseTimes(), d.numReqsPerSec(), d.numFailPerSec(),
                d.hdrMicros());
    }

    /** A count map's integer key, checked (0 to about 3,000 years of seconds). */
    public static long mapKey(Field map, long key) {
        return WireCodec.mapKey(map.wireName, key);
    }

    /** A count map's float key (150.0, as Locust 2.12.1 sends), rounded and checked. */
    public static long mapKey(Field map, double key) {
        return WireCodec.mapKey(map.wireName, key);
    }

    /** A count map's integer count, checked (not negative). */
    public static long mapCount(Field map, long count) {
        return WireCodec.mapCount(map.wireName, count);
    }

    /** A count map's count sent as a float: integral and not negative. */
    public static long mapCount(Field map, double count) {
        return WireCodec.mapCount(map.wireName, WireCodec.integral(map.wireName, count));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireEntry e && e.delta.equals(delta);
    }

    @Override
    public int hashCode() {
        return delta.hashCode();
    }

    @Override
    public String toString() {
        return delta.toString();
    }

    /**
     * Collects one entry's fields as a streaming decoder reads them (one call per key; a key not called is missing),
     * then {@link #build()}. Reusable after {@link #reset()}; not thread-safe.
     */
    public static final class Builder {
        private final double[] numbers = new double[FIELDS];
        private final long[] counts = new long[FIELDS];
        private final CountMap[] maps = new CountMap[FIELDS];
        private String name;
        private String method;
        private int present;

        /** An empty builder. */
        public Builder() {
        }

        /** Forgets every field. */
        public Builder reset() {
            present = 0;
            name = null;
            method = null;
            return this;
        }

        private void mark(Field f) {
            present |= 1 << f.ordinal();
        }

        private boolean has(Field f) {
            return (present & (1 << f.ordinal())) != 0;
        }

        private static WireFormatException wrongType(Field f, String got) {
            String want = switch (f.kind) {
                case STRING, METHOD -> "a string";
                case COUNT -> "an integer";
                case MAP -> "a map";
                default -> "a number";
            };
            return new WireFormatException("'" + f.wireName + "' should be " + want + ", got " + got);
        }

        /** A string value. */
        public void string(Field f, String s) {
            switch (f.kind) {
                case STRING -> name = s;
                case METHOD -> method = s;
                default -> throw wrongType(f, "String");
            }
            mark(f);
        }

        /** A nil value. */
        public void nil(Field f) {
            switch (f.kind) {
                case METHOD -> method = null;
                case NULLABLE_NUMBER -> numbers[f.ordinal()] = Double.NaN;
                case MAP -> maps[f.ordinal()] = CountMap.EMPTY;
                default -> throw wrongType(f, "nil");
            }
            mark(f);
        }

        /** An integer value. */
        public void integer(Field f, long v) {
            switch (f.kind) {
                case NUMBER, NULLABLE_NUMBER -> numbers[f.ordinal()] = v;
                case COUNT -> counts[f.ordinal()] = WireCodec.count(f.wireName, v);
                default -> throw wrongType(f, "Long");
            }
            mark(f);
        }

        /** A float value. */
        public void floating(Field f, double v) {
            switch (f.kind) {
                case NUMBER, NULLABLE_NUMBER -> numbers[f.ordinal()] = WireCodec.finite(f.wireName, v);
                case COUNT -> counts[f.ordinal()] = WireCodec.count(f.wireName, WireCodec.integral(f.wireName, v));
                default -> throw wrongType(f, "Double");
            }
            mark(f);
        }

        /**
         * A count map of {@code rawSize} keys on the wire, read into {@code n} pairs with checked keys and counts
         * ({@link #mapKey}, {@link #mapCount}), zero counts left out, in wire order, no key twice on the wire.
         * The arrays are copied.
         */
        public void countMap(Field f, int rawSize, long[] keys, long[] mapCounts, int n) {
            if (f.kind != Kind.MAP) {
                throw wrongType(f, "LinkedHashMap");
            }
            WireCodec.checkMapSize(f.wireName, rawSize);
            maps[f.ordinal()] = n == 0 ? CountMap.EMPTY
                    : new CountMap(Arrays.copyOf(keys, n), Arrays.copyOf(mapCounts, n), n);
            mark(f);
        }

        /** The entry; throws {@link WireFormatException} when it has no name. */
        public WireEntry build() {
            if (!has(Field.NAME)) {
                throw wrongType(Field.NAME, "nil");
            }
            return new WireEntry(new WireCodec.EntryDelta(name, method == null ? "" : method,
                    number(Field.LAST_REQUEST_TIMESTAMP, Double.NaN), number(Field.START_TIME, Double.NaN),
                    count(Field.NUM_REQUESTS), count(Field.NUM_NONE_REQUESTS), count(Field.NUM_FAILURES),
                    number(Field.TOTAL_RESPONSE_TIME, 0), number(Field.MAX_RESPONSE_TIME, 0),
                    number(Field.MIN_RESPONSE_TIME, Double.NaN), count(Field.TOTAL_CONTENT_LENGTH),
                    map(Field.RESPONSE_TIMES), map(Field.NUM_REQS_PER_SEC), map(Field.NUM_FAIL_PER_SEC),
                    map(Field.HDR_US)));
        }

        private double number(Field f, double missing) {
            return has(f) ? numbers[f.ordinal()] : missing;
        }

        private long count(Field f) {
            return has(f) ? counts[f.ordinal()] : 0;
        }

        private CountMap map(Field f) {
            return has(f) ? maps[f.ordinal()] : CountMap.EMPTY;
        }
    }
}
