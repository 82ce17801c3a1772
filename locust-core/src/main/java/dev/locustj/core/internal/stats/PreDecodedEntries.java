package dev.locustj.core.internal.stats;

import java.util.Optional;

/**
 * A worker report's {@code stats} list (a {@link java.util.List} of entry maps for everyone else, e.g. worker_report
 * listeners) whose entries a streaming decoder already read into {@link WireEntry} values:
 * {@link RequestStats#mergeWorkerReport} merges those without reading the maps.
 */
public interface PreDecodedEntries {

    /**
     * The entry at {@code index} as decoded from the wire, or empty when the merge must read the list's element
     * instead (e.g. a listener changed the list or was given that element).
     */
    Optional<WireEntry> preDecoded(int index);
}
