package dev.locustj.core;

import java.util.List;

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
}
