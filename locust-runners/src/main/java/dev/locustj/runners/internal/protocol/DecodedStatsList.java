package dev.locustj.runners.internal.protocol;

import dev.locustj.core.LocustException;
import dev.locustj.core.internal.stats.PreDecodedEntries;
import dev.locustj.core.internal.stats.WireEntry;

import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A stats message's {@code stats} list as {@link StatsDecoder} read it: for the merge, the {@link WireEntry} values;
 * for anyone else (worker_report listeners, re-encoding), an ordinary mutable list of the same maps the generic
 * decoder makes, each decoded from its bytes of the payload the first time it is asked for. An element handed out,
 * or any change to the list, makes the merge read the list's elements instead (so a listener's edit counts, as it
 * did with generic maps). Thread-safe.
 */
final class DecodedStatsList extends AbstractList<Object> implements PreDecodedEntries, RandomAccess {

    private static final int ENTRY_DEPTH = 3;

    private final byte[] payload;
    /** Entry i is payload[bounds[i], bounds[i + 1]). */
    private final int[] bounds;
    private final WireEntry[] decoded;
    private final Object[] handedOut;
    private List<Object> changed; // guarded by this; the list's elements once someone changed it

    DecodedStatsList(byte[] payload, int[] bounds, WireEntry[] decoded) {
        this.payload = payload;
        this.bounds = bounds;
        this.decoded = decoded;
        this.handedOut = new Object[decoded.length];
    }

    @Override
    public synchronized Optional<WireEntry> preDecoded(int index) {
        return changed == null && handedOut[index] == null ? Optional.of(decoded[index]) : Optional.empty();
    }

    @Override
    public synchronized Object get(int index) {
        if (changed != null) {
            return changed.get(index);
        }
        Object o = handedOut[index];
        if (o == null) {
            try {
                o = MsgpackCodec.decodeValue(payload, bounds[index], bounds[index + 1] - bounds[index], ENTRY_DEPTH);
            } catch (IOException e) { // StatsDecoder checked these bytes as the generic decoder does
                throw new LocustException("stats entry " + index + " cannot be decoded again: " + e.getMessage(), e);
            }
            handedOut[index] = o;
        }
        return o;
    }

    @Override
    public synchronized int size() {
        return changed != null ? changed.size() : decoded.length;
    }

    @Override
    public synchronized Object set(int index, Object element) {
        return changed().set(index, element);
    }

    @Override
    public synchronized void add(int index, Object element) {
        changed().add(index, element);
        modCount++;
    }

    @Override
    public synchronized Object remove(int index) {
        Object o = changed().remove(index);
        modCount++;
        return o;
    }

    private List<Object> changed() {
        if (changed == null) {
            List<Object> all = new ArrayList<>(decoded.length);
            for (int i = 0; i < decoded.length; i++) {
                all.add(get(i));
            }
            changed = all;
        }
        return changed;
    }
}
