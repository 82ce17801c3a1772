package dev.locustj.core.internal.stats;

import dev.locustj.core.ResponseTimes;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An immutable {@link ResponseTimes} over Locust's bucket map, with the sample count used as the percentile
 * denominator and the raw min/max used to clamp the median (OUT-15).
 */
public final class BucketResponseTimes implements ResponseTimes {

    /** No sample. */
    public static final BucketResponseTimes EMPTY = new BucketResponseTimes(new TreeMap<>(), 0, Double.NaN, 0);

    private final NavigableMap<Long, Long> buckets;
    private final long count;
    private final double min;
    private final double max;

    /**
     * Wraps {@code buckets} (taken over, not copied).
     *
     * @param count the timed sample count (the percentile denominator)
     * @param min   the raw minimum in ms, NaN for none (no median clamping)
     * @param max   the raw maximum in ms, NaN for none
     */
    public BucketResponseTimes(TreeMap<Long, Long> buckets, long count, double min, double max) {
        this.buckets = Collections.unmodifiableNavigableMap(buckets);
        this.count = count;
        this.min = min;
        this.max = max;
    }

    /** A distribution from a bucket map, with the count being the sum of the buckets and no clamping. */
    public static BucketResponseTimes of(NavigableMap<Long, Long> buckets) {
        long n = buckets.values().stream().mapToLong(Long::longValue).sum();
        return new BucketResponseTimes(new TreeMap<>(buckets), n, Double.NaN, Double.NaN);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long percentile(double p) {
        return Buckets.percentile(buckets, count, p);
    }

    @Override
    public long median() {
        if (buckets.isEmpty()) {
            return 0;
        }
        long m = Buckets.median(buckets, count);
        if (!Double.isNaN(max) && m > max) {
            return (long) max;
        } else if (!Double.isNaN(min) && m < min) {
            return (long) min;
        }
        return m;
    }

    @Override
    public NavigableMap<Long, Long> buckets() {
        return buckets;
    }

    @Override
    public String toString() {
        return "ResponseTimes" + buckets;
    }
}
