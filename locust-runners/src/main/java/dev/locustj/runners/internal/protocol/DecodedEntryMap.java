package dev.locustj.runners.internal.protocol;

import dev.locustj.core.LocustException;
import dev.locustj.core.internal.stats.PreDecodedEntry;
import dev.locustj.core.internal.stats.WireEntry;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stats message's {@code stats_total} as {@link StatsDecoder} read it: for the merge, the {@link WireEntry}; for
 * anyone else, an ordinary mutable map, the very map the generic decoder makes, decoded from its bytes of the payload
 * on first use. Once anyone used it the merge reads the map (so a listener's edit counts). Thread-safe.
 */
final class DecodedEntryMap extends AbstractMap<Object, Object> implements PreDecodedEntry {

    private static final int DEPTH = 2;

    private final byte[] payload;
    private final int offset;
    private final int length;
    private final WireEntry decoded;
    private Map<Object, Object> map; // guarded by this

    DecodedEntryMap(byte[] payload, int offset, int length, WireEntry decoded) {
        this.payload = payload;
        this.offset = offset;
        this.length = length;
        this.decoded = decoded;
    }

    @Override
    public synchronized Optional<WireEntry> preDecoded() {
        return map == null ? Optional.of(decoded) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private synchronized Map<Object, Object> map() {
        if (map == null) {
            try { // StatsDecoder checked these bytes as the generic decoder does: a map
                map = (Map<Object, Object>) MsgpackCodec.decodeValue(payload, offset, length, DEPTH);
            } catch (IOException | ClassCastException e) {
                throw new LocustException("stats_total cannot be decoded again: " + e.getMessage(), e);
            }
        }
        return map;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public Object put(Object key, Object value) {
        return map().put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return map().remove(key);
    }

    @Override
    public int size() {
        return map().size();
    }
}
