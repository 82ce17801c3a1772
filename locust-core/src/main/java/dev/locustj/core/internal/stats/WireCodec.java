package dev.locustj.core.internal.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Decodes the stats parts of a worker report (protocol 7.1/7.2) from plain maps as a msgpack decoder gives them:
 * numbers may be any {@link Number}, maps may have int, float or numeric string keys, nil may appear where Python
 * sends None. Every decode either returns a complete value or throws {@link WireFormatException}, so a bad item is
 * skipped whole.
 */
final class WireCodec {

    /** Bucket keys (ms) and epoch seconds above this (about 3 000 years) are nonsense. */
    private static final long MAX_KEY = 100_000_000_000L;
    /** More keys than this in one map of one report is not a real run. */
    private static final int MAX_MAP_SIZE = 1_000_000;

    private WireCodec() {
    }

    /** A validated serialized StatsEntry (protocol 7.1). NaN stands for nil. */
    record EntryDelta(String name, String method, double lastRequestTimestamp, double startTime, long numRequests,
                      long numNoneRequests, long numFailures, double totalResponseTime, double maxResponseTime,
                      double minResponseTime, long totalContentLength, CountMap responseTimes,
                      CountMap numReqsPerSec, CountMap numFailPerSec, CountMap hdrMicros) {
    }

    /** A validated serialized StatsError (protocol 7.2). NaN stands for a missing or nil time. */
    record ErrorDelta(String method, String name, String error, long occurrences, double firstSeen,
                      double lastSeen) {
    }

    static EntryDelta entry(Object raw, double nowSeconds) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new WireFormatException("a stats entry is not a map: " + typeOf(raw));
        }
        String name = string(m, "name", false);
        String method = m.get("method") == null ? "" : string(m, "method", false);
        double start = m.containsKey("start_time") ? dbl(m, "start_time", false, 0) : nowSeconds;
        return new EntryDelta(name, method, dbl(m, "last_request_timestamp", true, Double.NaN), start,
                count(m, "num_requests"), count(m, "num_none_requests"), count(m, "num_failures"),
                dbl(m, "total_response_time", false, 0), dbl(m, "max_response_time", false, 0),
                dbl(m, "min_response_time", true, Double.NaN), count(m, "total_content_length"),
                countMap(m, "response_times"), countMap(m, "num_reqs_per_sec"), countMap(m, "num_fail_per_sec"),
                countMap(m, StatsEntry.HDR_KEY));
    }

    static ErrorDelta error(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new WireFormatException("an error is not a map: " + typeOf(raw));
        }
        if (!m.containsKey("occurrences")) {
            throw new WireFormatException("an error has no 'occurrences'");
        }
        String method = m.get("method") == null ? "" : string(m, "method", false);
        return new ErrorDelta(method, string(m, "name", false), string(m, "error", false), count(m, "occurrences"),
                dbl(m, "first_seen", true, Double.NaN), dbl(m, "last_seen", true, Double.NaN));
    }

    private static String string(Map<?, ?> m, String key, boolean nullable) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && nullable) {
            return "";
        }
        throw new WireFormatException("'" + key + "' should be a string, got " + typeOf(v));
    }

    private static long count(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null && !m.containsKey(key)) {
            return 0;
        }
        return count(key, toLong(v, key));
    }

    private static double dbl(Map<?, ?> m, String key, boolean nullable, double dflt) {
        Object v = m.get(key);
        if (v == null) {
            if (!m.containsKey(key) || nullable) {
                return dflt;
            }
            throw new WireFormatException("'" + key + "' should be a number, got nil");
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        } else if (v instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        throw new WireFormatException("'" + key + "' should be a number, got " + typeOf(v));
    }

    private static CountMap countMap(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return CountMap.EMPTY;
        }
        if (!(v instanceof Map<?, ?> raw)) {
            throw new WireFormatException("'" + key + "' should be a map, got " + typeOf(v));
        }
        checkMapSize(key, raw.size());
        long[] keys = new long[raw.size()];
        long[] counts = new long[raw.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            long k = toKey(e.getKey(), key);
            Object value = e.getValue();
            long c = value instanceof Long l ? l : value instanceof Integer i ? i
                    : toLong(value, key + "[" + e.getKey() + "]"); // the context string only off the fast path
            c = mapCount(key, c);
            if (c != 0) {
                keys[n] = k;
                counts[n] = c;
                n++;
            }
        }
        return n == 0 ? CountMap.EMPTY : new CountMap(keys, counts, n);
    }

    // ---- the rules on primitive values, shared with the streaming decoder's WireEntry.Builder -------------------

    /** A count map may have at most {@link #MAX_MAP_SIZE} keys. */
    static void checkMapSize(String key, int size) {
        if (size > MAX_MAP_SIZE) {
            throw new WireFormatException("'" + key + "' has " + size + " keys (at most " + MAX_MAP_SIZE + ")");
        }
    }

    /** A count map's key (a bucket in ms, an epoch second) once read as an integer: 0 to {@link #MAX_KEY}. */
    static long mapKey(String key, long k) {
        if (k < 0 || k > MAX_KEY) {
            throw new WireFormatException("'" + key + "' has an out-of-range key " + k);
        }
        return k;
    }

    /** A count map's float key (150.0, as 2.12.1 sends): rounded, then as {@link #mapKey(String, long)}. */
    static long mapKey(String key, double k) {
        if (!Double.isFinite(k)) {
            throw new WireFormatException("'" + key + " key' should be an integer, got Double " + k);
        }
        return mapKey(key, Math.round(k));
    }

    /** A count map's count: not negative. */
    static long mapCount(String key, long c) {
        if (c < 0) {
            throw new WireFormatException("'" + key + "' has a negative count");
        }
        return c;
    }

    /** An entry's count ({@code num_requests}...): not negative. */
    static long count(String key, long l) {
        if (l < 0) {
            throw new WireFormatException("'" + key + "' is negative: " + l);
        }
        return l;
    }

    /** An integer sent as a float: it must have no fraction. */
    static long integral(String key, double d) {
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
            return (long) d;
        }
        throw new WireFormatException("'" + key + "' should be an integer, got Double " + d);
    }

    /** A number field: finite. */
    static double finite(String key, double d) {
        if (Double.isFinite(d)) {
            return d;
        }
        throw new WireFormatException("'" + key + "' should be a number, got Double");
    }

    /** A map key: an int, a float (150.0, as 2.12.1 sends) or a numeric string (from JSON). */
    private static long toKey(Object k, String key) {
        if (k instanceof String s) {
            try {
                return mapKey(key, Math.round(Double.parseDouble(s.trim())));
            } catch (NumberFormatException e) {
                throw new WireFormatException("'" + key + "' has a non-numeric key " + ErrorTexts.pyRepr(s));
            }
        }
        if (k instanceof Double || k instanceof Float || k instanceof BigDecimal) {
            double d = ((Number) k).doubleValue();
            if (Double.isFinite(d)) {
                return mapKey(key, Math.round(d));
            }
        }
        if (k instanceof Number) {
            return mapKey(key, toLong(k, key + " key"));
        }
        throw new WireFormatException("'" + key + "' has a key of type " + typeOf(k));
    }

    /** An integer from any integral number, or from a float with no fraction. */
    static long toLong(Object v, String key) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return integral(key, d);
            }
        }
        throw new WireFormatException("'" + key + "' should be an integer, got " + typeOf(v)
                + (v instanceof Number ? " " + v : ""));
    }

    static String typeOf(Object v) {
        return v == null ? "nil" : v.getClass().getSimpleName();
    }
}
