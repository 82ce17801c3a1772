package dev.locustj.core.internal.stats;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Locust's response-time buckets (OUT-10, protocol 7.3) and the percentile/median rules computed from them
 * (OUT-15, OUT-16, protocol 8.1/8.2).
 */
public final class Buckets {

    /** The number of bucket keys kept in a dense array: every key up to 753 000 ms. */
    static final int DENSE = 1024;

    private Buckets() {
    }

    /**
     * The bucket of a raw response time in ms: Python's round-half-even on the exact binary value, to a whole ms
     * below 100, to 10 below 1000, to 100 below 10000, else to 1000. Negative or NaN times count as 0.
     */
    public static long bucket(double ms) {
        if (!(ms > 0)) {
            return 0;
        }
        double t = Math.min(ms, 1e15);
        if (t < 100) {
            return (long) Math.rint(t);
        } else if (t < 1000) {
            return roundHalfEven(t, 10);
        } else if (t < 10000) {
            return roundHalfEven(t, 100);
        }
        return roundHalfEven(t, 1000);
    }

    private static long roundHalfEven(double t, long unit) {
        double q = Math.floor(t / unit);
        double rem = t - q * unit; // exact: q * unit is an integer below 2^53 and close to t
        if (rem < 0) {
            q -= 1;
            rem += unit;
        } else if (rem >= unit) {
            q += 1;
            rem -= unit;
        }
        long n = (long) q;
        double half = unit / 2.0;
        if (rem > half || (rem == half && (n & 1) == 1)) {
            n++;
        }
        return n * unit;
    }

    /** The dense-array index of a canonical bucket key, or -1 when the key is not canonical or too large. */
    static int index(long key) {
        int i;
        if (key < 0) {
            return -1;
        } else if (key < 100) {
            i = (int) key;
        } else if (key < 1000) {
            i = 100 + (int) ((key - 100) / 10);
        } else if (key < 10000) {
            i = 190 + (int) ((key - 1000) / 100);
        } else {
            long l = 280 + (key - 10000) / 1000;
            if (l >= DENSE) {
                return -1;
            }
            i = (int) l;
        }
        return keyOf(i) == key ? i : -1;
    }

    /** The bucket key stored at a dense-array index. */
    static long keyOf(int index) {
        if (index < 100) {
            return index;
        } else if (index < 190) {
            return 100 + (index - 100) * 10L;
        } else if (index < 280) {
            return 1000 + (index - 190) * 100L;
        }
        return 10000 + (index - 280) * 1000L;
    }

    /**
     * Locust's percentile (protocol 8.1): walking the buckets from the largest down, the first key k for which
     * {@code n - accumulated <= floor(n * p)}; 0 when none qualifies.
     */
    public static long percentile(NavigableMap<Long, Long> buckets, long n, double p) {
        long target = (long) (n * p);
        long processed = 0;
        for (Map.Entry<Long, Long> e : buckets.descendingMap().entrySet()) {
            processed += e.getValue();
            if (n - processed <= target) {
                return e.getKey();
            }
        }
        return 0;
    }

    /** Locust's lower median of {@code n} timed samples (protocol 8.2), before clamping; 0 when empty. */
    public static long median(NavigableMap<Long, Long> buckets, long n) {
        if (buckets.isEmpty()) {
            return 0;
        }
        double pos = (n - 1) / 2.0;
        long key = 0;
        for (Map.Entry<Long, Long> e : buckets.entrySet()) {
            key = e.getKey();
            if (pos < e.getValue()) {
                return key;
            }
            pos -= e.getValue();
        }
        return key;
    }
}
