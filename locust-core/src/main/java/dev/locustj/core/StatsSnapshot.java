package dev.locustj.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All statistics at one moment: the entries sorted by (name, method), the Aggregated total, the errors and the
 * exceptions. Every output (console, CSV, JSON, web, HTML report) is a view of a snapshot.
 *
 * @param timestamp  when it was taken, seconds since the epoch
 * @param entries    the (method, name) entries, sorted by (name, method)
 * @param total      the Aggregated row
 * @param errors     the distinct failures
 * @param exceptions the distinct exceptions
 * @param userCount  the number of running users
 */
public record StatsSnapshot(double timestamp, List<StatsEntrySnapshot> entries, StatsEntrySnapshot total,
                            List<StatsError> errors, List<StatsExceptionEntry> exceptions, int userCount) {

    /** The entry for (method, name), if there is one. */
    public Optional<StatsEntrySnapshot> entry(String method, String name) {
        return entries.stream().filter(e -> e.method().equals(method) && e.name().equals(name)).findFirst();
    }

    /** The entries followed by the Aggregated row, as the tables and CSV files list them. */
    public List<StatsEntrySnapshot> entriesAndTotal() {
        List<StatsEntrySnapshot> all = new ArrayList<>(entries);
        all.add(total);
        return List.copyOf(all);
    }
}
