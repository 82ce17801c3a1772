package dev.locustj.core;

import java.util.NavigableMap;

/**
 * A distribution of response times (an immutable copy), with Locust's definitions (OUT-10, OUT-15, OUT-16).
 * Values are whole milliseconds, as Locust reports them.
 */
public interface ResponseTimes {

    /** The number of timed samples. */
    long count();

    /**
     * The response time at percentile {@code p} (0..1), Locust's way: the bucket of the sample at 0-based index
     * {@code floor(count * p)} in ascending order; 0 when there is no sample.
     */
    long percentile(double p);

    /** Locust's median: the lower median, clamped into [min, max]; 0 when there is no sample. */
    long median();

    /**
     * The samples as Locust's rounded bucket map (OUT-10): response time in ms, rounded to about 2 significant
     * digits with round-half-even, to count. This is what Python nodes send on the wire.
     */
    NavigableMap<Long, Long> buckets();
}
