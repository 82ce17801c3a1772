package dev.locustj.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which users of each class are added (DIST-20, RUN-16): classes sorted by name; first the
 * {@code fixed_count} users, interleaved; then the weighted classes in a smooth weighted round-robin, so that any
 * prefix of the order is as close as possible to the weights (weights A=1, B=2 give B A B B A B ...).
 */
public final class SpawnOrder {

    /** One user class with its settings. */
    public record ClassSpec(String name, int weight, int fixedCount) {
    }

    private final List<ClassSpec> fixed = new ArrayList<>();
    private final List<ClassSpec> weighted = new ArrayList<>();
    private final int fixedTotal;

    /** Creates the order for these classes. */
    public SpawnOrder(List<ClassSpec> classes) {
        Map<String, ClassSpec> sorted = new TreeMap<>();
        for (ClassSpec c : classes) {
            sorted.put(c.name(), c);
        }
        int ft = 0;
        for (ClassSpec c : sorted.values()) {
            if (c.fixedCount() > 0) {
                fixed.add(c);
                ft += c.fixedCount();
            } else if (c.weight() > 0) {
                weighted.add(c);
            }
        }
        this.fixedTotal = ft;
    }

    /** The class names of the first {@code n} users, in spawn order. */
    public List<String> first(int n) {
        List<String> out = new ArrayList<>(n);
        // fixed-count classes, interleaved one by one until each has its count
        Map<String, Integer> left = new LinkedHashMap<>();
        for (ClassSpec c : fixed) {
            left.put(c.name(), c.fixedCount());
        }
        while (out.size() < n && !left.isEmpty()) {
            var it = left.entrySet().iterator();
            while (it.hasNext() && out.size() < n) {
                var e = it.next();
                out.add(e.getKey());
                if (e.getValue() == 1) {
                    it.remove();
                } else {
                    e.setValue(e.getValue() - 1);
                }
            }
        }
        if (weighted.isEmpty()) {
            return out;
        }
        long total = 0;
        for (ClassSpec c : weighted) {
            total += c.weight();
        }
        long[] current = new long[weighted.size()];
        while (out.size() < n) {
            int best = 0;
            for (int i = 0; i < current.length; i++) {
                current[i] += weighted.get(i).weight();
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out.add(weighted.get(best).name());
        }
        return out;
    }

    /** Per-class counts of the first {@code n} users (classes in name order, zero counts included). */
    public Map<String, Integer> counts(int n) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ClassSpec c : fixed) {
            counts.put(c.name(), 0);
        }
        for (ClassSpec c : weighted) {
            counts.put(c.name(), 0);
        }
        for (String s : first(n)) {
            counts.merge(s, 1, Integer::sum);
        }
        return counts;
    }

    /** The sum of the fixed counts. */
    public int fixedTotal() {
        return fixedTotal;
    }

    /** Whether any class can be spawned when the user count is large enough. */
    public boolean canSpawnBeyondFixed() {
        return !weighted.isEmpty();
    }
}
