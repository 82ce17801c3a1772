package dev.locustj.runners.internal.protocol;

import dev.locustj.core.internal.stats.WireEntry;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master's streaming path for {@code stats} messages (protocol §7; issue 6, "Scale"): the entries of
 * {@code data["stats"]} and {@code data["stats_total"]} are read straight into {@link WireEntry} values (count maps
 * as primitive arrays) instead of generic maps of boxed numbers, and handed over as a {@link DecodedStatsList} and a
 * {@link DecodedEntryMap} that are still an ordinary list of maps and map for worker_report listeners (decoded from
 * the payload's bytes when one looks).
 *
 * <p>It only takes messages the generic path would decode the same way: on anything unusual (a duplicate or
 * non-string key, a value of an unexpected type, a value the merge would reject, an invalid string, a truncation,
 * trailing bytes, a {@code __datetime__} key...) it gives up and {@link MsgpackCodec#decode} takes the generic path,
 * which accepts, rejects or reports exactly as before. Every other key of the message is decoded by the generic
 * reader. One instance per message; not thread-safe.
 */
final class StatsDecoder {

    /** fixarray(3), fixstr(5) "stats": how Python and Java both start a stats message. */
    private static final byte[] PREFIX = {(byte) 0x93, (byte) 0xa5, 's', 't', 'a', 't', 's'};
    private static final WireEntry.Field[] FIELDS = WireEntry.Field.values();
    private static final byte[][] FIELD_NAMES = Arrays.stream(FIELDS)
            .map(f -> f.wireName().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    /** Depth of an entry map's keys and values in the message (array, data map, stats list, entry). */
    private static final int ENTRY_VALUE_DEPTH = 4;

    /** The message is not for this path; the generic one decides. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super("not a plain stats message", null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final byte[] payload;
    private final MessageUnpacker u;
    private final MsgpackCodec.Reader reader;
    private final WireEntry.Builder builder = new WireEntry.Builder();
    private final byte[] keyBytes = new byte[32];
    private int lastField = -1;
    private long[] keys = new long[64];
    private long[] counts = new long[64];
    private long[] intKeys = new long[64];
    private long[] floatKeys = new long[64];

    private StatsDecoder(byte[] payload, MessageUnpacker u) {
        this.payload = payload;
        this.u = u;
        this.reader = new MsgpackCodec.Reader(u, payload.length);
    }

    /** Whether the payload starts as a {@code stats} message does. */
    static boolean isStatsMessage(byte[] payload) {
        return payload.length > PREFIX.length && Arrays.equals(payload, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The message, or empty when the generic path must decode it. Never throws. */
    static Optional<WireMessage> decode(byte[] payload) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload)) {
            return Optional.of(new StatsDecoder(payload, u).message());
        } catch (GiveUp | IOException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private WireMessage message() throws IOException, GiveUp {
        u.unpackArrayHeader();
        reader.read(1); // "stats", checked by isStatsMessage
        if (u.getNextFormat().getValueType() != ValueType.MAP) {
            throw GIVE_UP;
        }
        int n = u.unpackMapHeader();
        reader.need(2L * n, "map");
        Map<Object, Object> data = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            Object k = reader.read(2);
            if (k instanceof List<?> || k instanceof Map<?, ?> || k instanceof byte[] || data.containsKey(k)
                    || MsgpackCodec.DATETIME_KEY.equals(k)) {
                throw GIVE_UP;
            }
            ValueType next = u.getNextFormat().getValueType();
            if ("stats".equals(k) && next == ValueType.ARRAY) {
                data.put(k, entries());
            } else if ("stats_total".equals(k) && next == ValueType.MAP) {
                int start = (int) u.getTotalReadBytes();
                WireEntry total = entry(ENTRY_VALUE_DEPTH - 1);
                data.put(k, new DecodedEntryMap(payload, start, (int) u.getTotalReadBytes() - start, total));
            } else {
                data.put(k, reader.read(2));
            }
        }
        if (!(reader.read(1) instanceof String nodeId) || u.hasNext()) {
            throw GIVE_UP;
        }
        return new WireMessage("stats", data, nodeId);
    }

    private DecodedStatsList entries() throws IOException, GiveUp {
        int n = u.unpackArrayHeader();
        reader.need(n, "array");
        WireEntry[] decoded = new WireEntry[n];
        int[] bounds = new int[n + 1];
        for (int i = 0; i < n; i++) {
            bounds[i] = (int) u.getTotalReadBytes();
            if (u.getNextFormat().getValueType() != ValueType.MAP) {
                throw GIVE_UP;
            }
            decoded[i] = entry(ENTRY_VALUE_DEPTH);
        }
        bounds[n] = (int) u.getTotalReadBytes();
        return new DecodedStatsList(payload, bounds, decoded);
    }

    /** An entry map whose keys and values are at nesting {@code depth}. */
    private WireEntry entry(int depth) throws IOException, GiveUp {
        int n = u.unpackMapHeader();
        reader.need(2L * n, "map");
        builder.reset();
        lastField = -1;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            if (u.getNextFormat().getValueType() != ValueType.STRING) {
                throw GIVE_UP;
            }
            int len = u.unpackRawStringHeader();
            reader.need(len, "string");
            WireEntry.Field f = null;
            if (len <= keyBytes.length) {
                u.readPayload(keyBytes, 0, len);
                f = field(len);
                if (f == null && MsgpackCodec.DATETIME_KEY.equals(
                        MsgpackCodec.Reader.utf8(Arrays.copyOf(keyBytes, len)))) {
                    throw GIVE_UP;
                }
            } else {
                MsgpackCodec.Reader.utf8(u.readPayload(len)); // checked like the generic path; longer than any field
            }
            if (f == null) { // a key the merge doesn't read: checked as the generic path would, kept in the bytes
                reader.read(depth);
                continue;
            }
            int bit = 1 << f.ordinal();
            if ((seen & bit) != 0) {
                throw GIVE_UP;
            }
            seen |= bit;
            value(f, depth);
        }
        return builder.build();
    }

    private WireEntry.Field field(int len) {
        int guess = lastField + 1; // senders write the keys in the same order every time
        if (guess < FIELDS.length && isKey(FIELD_NAMES[guess], len)) {
            lastField = guess;
            return FIELDS[guess];
        }
        for (int i = 0; i < FIELDS.length; i++) {
            if (isKey(FIELD_NAMES[i], len)) {
                lastField = i;
                return FIELDS[i];
            }
        }
        return null;
    }

    /** Whether the key just read is {@code name} (a plain loop: these are 4-22 bytes, Arrays.equals costs more). */
    private boolean isKey(byte[] name, int len) {
        if (name.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (name[i] != keyBytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void value(WireEntry.Field f, int depth) throws IOException, GiveUp {
        MessageFormat format = u.getNextFormat();
        switch (format.getValueType()) {
            case NIL -> {
                u.unpackNil();
                builder.nil(f);
            }
            case INTEGER -> builder.integer(f, u.unpackLong()); // above Long.MAX_VALUE: an exception, generic path
            case FLOAT -> builder.floating(f, u.unpackDouble());
            case STRING -> builder.string(f, (String) reader.read(depth));
            case MAP -> {
                if (!f.isCountMap()) {
                    throw GIVE_UP;
                }
                countMap(f);
            }
            default -> throw GIVE_UP;
        }
    }

    /**
     * A {key: count} map into the primitive arrays. Python sends int and float keys mixed (140 and 150.0); the
     * generic path keeps a Long and a Double key apart but one of each only, so a key repeated with the same type
     * and value (no real sender does it) goes to the generic path.
     */
    private void countMap(WireEntry.Field f) throws IOException, GiveUp {
        int n = u.unpackMapHeader();
        reader.need(2L * n, "map");
        if (n > keys.length) {
            int size = Math.max(n, keys.length * 2);
            keys = new long[size];
            counts = new long[size];
            intKeys = new long[size];
            floatKeys = new long[size];
        }
        int pairs = 0;
        int ints = 0;
        int floats = 0;
        boolean intsSorted = true;
        boolean floatsSorted = true;
        for (int i = 0; i < n; i++) {
            long key;
            MessageFormat kf = u.getNextFormat();
            if (kf.getValueType() == ValueType.INTEGER) {
                long k = u.unpackLong();
                intsSorted &= ints == 0 || k > intKeys[ints - 1];
                intKeys[ints++] = k;
                key = WireEntry.mapKey(f, k);
            } else if (kf.getValueType() == ValueType.FLOAT) {
                double d = u.unpackDouble();
                long bits = Double.doubleToLongBits(d);
                floatsSorted &= floats == 0 || bits > floatKeys[floats - 1];
                floatKeys[floats++] = bits;
                key = WireEntry.mapKey(f, d);
            } else {
                throw GIVE_UP;
            }
            MessageFormat cf = u.getNextFormat();
            long c;
            if (cf.getValueType() == ValueType.INTEGER) {
                c = WireEntry.mapCount(f, u.unpackLong());
            } else if (cf.getValueType() == ValueType.FLOAT) {
                c = WireEntry.mapCount(f, u.unpackDouble());
            } else {
                throw GIVE_UP;
            }
            if (c != 0) {
                keys[pairs] = key;
                counts[pairs] = c;
                pairs++;
            }
        }
        if (!intsSorted && hasRepeat(intKeys, ints) || !floatsSorted && hasRepeat(floatKeys, floats)) {
            throw GIVE_UP;
        }
        builder.countMap(f, n, keys, counts, pairs);
    }

    private static boolean hasRepeat(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
