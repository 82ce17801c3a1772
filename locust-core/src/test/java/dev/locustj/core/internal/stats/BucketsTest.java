package dev.locustj.core.internal.stats;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BucketsTest {

    @Test
    void bucketsMatchPythonRoundHalfEvenExamples() {
        // protocol 7.3, verified on 2.12.1
        assertThat(Buckets.bucket(145)).isEqualTo(140);
        assertThat(Buckets.bucket(155)).isEqualTo(160);
        assertThat(Buckets.bucket(145.4)).isEqualTo(150);
        assertThat(Buckets.bucket(2.5)).isEqualTo(2);
        assertThat(Buckets.bucket(3.5)).isEqualTo(4);
        assertThat(Buckets.bucket(0.5)).isEqualTo(0);
        assertThat(Buckets.bucket(47.5)).isEqualTo(48);
        assertThat(Buckets.bucket(99.6)).isEqualTo(100);
        assertThat(Buckets.bucket(999.6)).isEqualTo(1000);
        assertThat(Buckets.bucket(9999.6)).isEqualTo(10000);
        assertThat(Buckets.bucket(15678.9)).isEqualTo(16000);
        assertThat(Buckets.bucket(2450)).isEqualTo(2400);
        assertThat(Buckets.bucket(3432)).isEqualTo(3400);
        assertThat(Buckets.bucket(58760)).isEqualTo(59000);
        assertThat(Buckets.bucket(-3)).isZero();
        assertThat(Buckets.bucket(Double.NaN)).isZero();
    }

    @Test
    void bucketsAgreeWithBigDecimalHalfEvenOnRandomAndHalfwayValues() {
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double t = switch (i % 4) {
                case 0 -> r.nextDouble() * 100_000;
                case 1 -> r.nextInt(2_000_000) / 2.0; // many exact halves
                case 2 -> r.nextInt(100_000) + 0.5;
                default -> Math.exp(r.nextDouble() * 14);
            };
            assertThat(Buckets.bucket(t)).as("t=%s", t).isEqualTo(reference(t));
        }
    }

    private static long reference(double t) {
        int k = t < 100 ? 0 : t < 1000 ? 1 : t < 10000 ? 2 : 3;
        return new BigDecimal(t).setScale(-k, RoundingMode.HALF_EVEN).longValue();
    }

    @Test
    void denseIndexRoundTripsEveryCanonicalKeyAndRejectsOthers() {
        for (int i = 0; i < Buckets.DENSE; i++) {
            assertThat(Buckets.index(Buckets.keyOf(i))).isEqualTo(i);
        }
        assertThat(Buckets.index(155)).isEqualTo(-1);
        assertThat(Buckets.index(1050)).isEqualTo(-1);
        assertThat(Buckets.index(10_000_000)).isEqualTo(-1);
    }

    @Test
    void percentileAndMedianFollowLocustOnTheProtocolExample() {
        TreeMap<Long, Long> b = new TreeMap<>();
        b.put(12L, 3L);
        b.put(150L, 2L);
        b.put(1200L, 1L);
        BucketResponseTimes rt = new BucketResponseTimes(b, 6, 12, 1200);
        assertThat(rt.percentile(0.5)).isEqualTo(150);
        assertThat(rt.percentile(0.66)).isEqualTo(150);
        assertThat(rt.percentile(0.8)).isEqualTo(150);
        assertThat(rt.percentile(0.9)).isEqualTo(1200);
        assertThat(rt.percentile(1.0)).isEqualTo(1200);
        assertThat(rt.median()).isEqualTo(12);
        assertThat(BucketResponseTimes.EMPTY.percentile(0.5)).isZero();
        assertThat(BucketResponseTimes.EMPTY.median()).isZero();
    }

    @Test
    void percentilesAndMedianEqualBruteForceSortOfRoundedSamples() {
        Random r = new Random(7);
        double[] ps = {0.0, 0.1, 0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0};
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(round < 50 ? 10 : 3000);
            RequestStats stats = new RequestStats("local", new ManualClock(1_700_000_000));
            List<Long> sorted = new ArrayList<>();
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int i = 0; i < n; i++) {
                double t = r.nextInt(3) == 0 ? r.nextDouble() * 30 : Math.exp(r.nextDouble() * 11);
                stats.logRequest("GET", "/x", t, 10);
                sorted.add(Buckets.bucket(t));
                min = Math.min(min, Math.round(t * 1000) / 1000.0);
                max = Math.max(max, Math.round(t * 1000) / 1000.0);
            }
            Collections.sort(sorted);
            var rt = stats.snapshot().entries().get(0).responseTimes();
            assertThat(rt.count()).isEqualTo(n);
            for (double p : ps) {
                long expected = sorted.get((int) Math.min((long) (n * p), n - 1));
                assertThat(rt.percentile(p)).as("n=%d p=%s", n, p).isEqualTo(expected);
            }
            long median = sorted.get((n - 1) / 2);
            if (median > max) {
                median = (long) max;
            } else if (median < min) {
                median = (long) min;
            }
            assertThat(rt.median()).as("median n=%d", n).isEqualTo(median);
        }
    }
}
