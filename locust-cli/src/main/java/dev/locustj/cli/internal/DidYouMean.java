package dev.locustj.cli.internal;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest known name to a misspelt one (CFG-05), like Python's difflib.get_close_matches(n=1). */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest candidate, when one is close enough (similarity ratio >= 0.6, difflib's default cutoff). */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        double bestRatio = 0.6;
        for (String c : candidates) {
            double r = ratio(wrong, c);
            if (r >= bestRatio && (best == null || r > bestRatio)) {
                best = c;
                bestRatio = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** 2 * M / total length, M = the longest common subsequence (close to difflib's ratio). */
    static double ratio(String a, String b) {
        int total = a.length() + b.length();
        if (total == 0) {
            return 1.0;
        }
        int lcs = lcsLength(a, b);
        return 2.0 * lcs / total;
    }

    private static int lcsLength(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = a.charAt(i - 1) == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
