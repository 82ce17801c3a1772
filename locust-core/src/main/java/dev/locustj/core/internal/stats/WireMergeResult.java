package dev.locustj.core.internal.stats;

import java.util.List;

/**
 * What merging one worker report did.
 *
 * @param entries  the stats entries merged (stats_total included)
 * @param errors   the errors merged
 * @param problems one line per rejected item (an entry or an error skipped because of a missing or ill-typed key)
 */
public record WireMergeResult(int entries, int errors, List<String> problems) {

    /** Copies the list. */
    public WireMergeResult {
        problems = List.copyOf(problems);
    }

    /** How many items were rejected. */
    public int rejected() {
        return problems.size();
    }
}
