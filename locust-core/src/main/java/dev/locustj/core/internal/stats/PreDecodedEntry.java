package dev.locustj.core.internal.stats;

import java.util.Optional;

/**
 * A worker report's {@code stats_total} (a {@link java.util.Map} for everyone else, e.g. worker_report listeners)
 * that a streaming decoder already read into a {@link WireEntry}: {@link RequestStats#mergeWorkerReport} merges that
 * without reading the map.
 */
public interface PreDecodedEntry {

    /** The entry as decoded from the wire, or empty when the merge must read the map (someone looked at it). */
    Optional<WireEntry> preDecoded();
}
