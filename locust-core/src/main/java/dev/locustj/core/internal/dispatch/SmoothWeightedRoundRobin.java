package dev.locustj.core.internal.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The smooth weighted round-robin of Locust 2.12.1's dispatcher (the nginx algorithm as in the {@code roundrobin}
 * package; DIST-20): weights are normalised so the smallest becomes 2 ({@code round(2 * w / min)}, half-even), the
 * first {@code sum} picks are computed once and then repeated cyclically. Empty input yields null forever.
 */
final class SmoothWeightedRoundRobin {

    private final List<String> cycle;
    private int pos;

    /** names and values (weights or fixed counts) in the same order; values must be > 0. */
    SmoothWeightedRoundRobin(List<String> names, List<Double> values) {
        this.cycle = new ArrayList<>();
        if (names.isEmpty()) {
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        int n = names.size();
        long[] weight = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = (long) Math.rint(2 * values.get(i) / min);
            sum += weight[i];
        }
        if (n == 1) {
            cycle.add(names.get(0));
            return;
        }
        long[] current = new long[n];
        long[] effective = weight.clone();
        for (long k = 0; k < sum; k++) {
            long total = 0;
            int best = -1;
            for (int i = 0; i < n; i++) {
                current[i] += effective[i];
                total += effective[i];
                if (effective[i] < weight[i]) {
                    effective[i]++;
                }
                if (best < 0 || current[best] < current[i]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle.add(names.get(best));
        }
    }

    /** The next name, or null when there are no names. */
    String next() {
        if (cycle.isEmpty()) {
            return null;
        }
        String s = cycle.get(pos);
        pos = (pos + 1) % cycle.size();
        return s;
    }
}
