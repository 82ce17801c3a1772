package dev.locustj.runners.internal.protocol;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes and decodes Locust messages exactly as Python's {@code msgpack.dumps((type, data, node_id))} and
 * {@code msgpack.loads(payload, raw=False, strict_map_key=False)} do (protocol §3). Pure functions, thread-safe.
 *
 * <p>Encoding: strings as msgpack str (fixstr/str8/16/32), integers in their smallest form, every floating-point
 * number as float64 ({@code 0xcb}) like Python's float, maps in their iteration order, {@link LocalDateTime} as
 * Locust ≥2.20's {@code {"__datetime__": true, "as_str": "%Y%m%dT%H:%M:%S.%f"}} map.
 *
 * <p>Decoding never throws: anything that isn't a 3-element array {@code [str, any, str]} with valid UTF-8 and no
 * trailing bytes is a {@link DecodeResult.Error}.
 */
public final class MsgpackCodec {

    /** Deeper nesting than this is refused (Python would hit its recursion limit too). */
    static final int MAX_DEPTH = 256;

    static final String DATETIME_KEY = "__datetime__";
    private static final DateTimeFormatter DATETIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss.SSSSSS");

    private MsgpackCodec() {
    }

    /** Encodes a message. Throws {@link EncodeException} for values msgpack can't carry. */
    public static byte[] encode(WireMessage message) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3);
            p.packString(message.type());
            pack(p, message.data(), 0);
            p.packString(message.nodeId());
            return p.toByteArray();
        } catch (IOException e) {
            throw new EncodeException("cannot encode message " + message.type() + ": " + e.getMessage());
        }
    }

    /** Encodes one value on its own (tests, custom keys). */
    public static byte[] encodeValue(Object value) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, value, 0);
            return p.toByteArray();
        } catch (IOException e) {
            throw new EncodeException("cannot encode value: " + e.getMessage());
        }
    }

    private static void pack(MessageBufferPacker p, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new EncodeException("value nested deeper than " + MAX_DEPTH);
        }
        switch (v) {
            case null -> p.packNil();
            case Optional<?> o -> pack(p, o.orElse(null), depth);
            case String s -> p.packString(s);
            case Boolean b -> p.packBoolean(b);
            case Double d -> p.packDouble(d);
            case Float f -> p.packDouble(f);
            case BigInteger b -> p.packBigInteger(b);
            case Long l -> p.packLong(l);
            case Integer i -> p.packLong(i);
            case Short s -> p.packLong(s);
            case Byte b -> p.packLong(b);
            case Number n -> p.packDouble(n.doubleValue());
            case Character c -> p.packString(c.toString());
            case byte[] bytes -> {
                p.packBinaryHeader(bytes.length);
                p.writePayload(bytes);
            }
            case ExtValue e -> {
                byte[] bytes = e.bytes();
                p.packExtensionTypeHeader(e.extType(), bytes.length);
                p.writePayload(bytes);
            }
            case LocalDateTime t -> packDatetime(p, t);
            case Instant t -> packDatetime(p, LocalDateTime.ofInstant(t, ZoneId.systemDefault()));
            case Map<?, ?> m -> {
                p.packMapHeader(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    pack(p, e.getKey(), depth + 1);
                    pack(p, e.getValue(), depth + 1);
                }
            }
            case Collection<?> c -> {
                p.packArrayHeader(c.size());
                for (Object o : c) {
                    pack(p, o, depth + 1);
                }
            }
            case Enum<?> e -> p.packString(e.name());
            default -> {
                if (v.getClass().isArray()) {
                    int n = Array.getLength(v);
                    p.packArrayHeader(n);
                    for (int i = 0; i < n; i++) {
                        pack(p, Array.get(v, i), depth + 1);
                    }
                } else {
                    throw new EncodeException("msgpack cannot carry a " + v.getClass().getName()
                            + " (use maps, lists, strings, numbers, booleans)");
                }
            }
        }
    }

    private static void packDatetime(MessageBufferPacker p, LocalDateTime t) throws IOException {
        p.packMapHeader(2);
        p.packString(DATETIME_KEY);
        p.packBoolean(true);
        p.packString("as_str");
        p.packString(DATETIME_FORMAT.format(t));
    }

    /**
     * Decodes a payload; never throws. A {@code stats} message takes {@link StatsDecoder}'s streaming path when it is
     * well formed (its entries read straight into primitives, the same values); anything else the generic one.
     */
    public static DecodeResult decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new DecodeResult.Error("empty payload");
        }
        if (StatsDecoder.isStatsMessage(payload)) {
            Optional<WireMessage> fast = StatsDecoder.decode(payload);
            if (fast.isPresent()) {
                return new DecodeResult.Ok(fast.get());
            }
        }
        return decodeGeneric(payload);
    }

    /** The generic path: every value as a plain Java value (tests compare the streaming path with it). */
    static DecodeResult decodeGeneric(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new DecodeResult.Error("empty payload");
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload)) {
            Reader r = new Reader(u, payload.length);
            Object top = r.read(0);
            if (u.hasNext()) {
                long extra = payload.length - u.getTotalReadBytes();
                return new DecodeResult.Error("extra data after the message (" + extra + " bytes)");
            }
            if (!(top instanceof List<?> list) || list.size() != 3) {
                return new DecodeResult.Error("not a 3-element array: " + describe(top));
            }
            if (!(list.get(0) instanceof String type)) {
                return new DecodeResult.Error("message type is not a string: " + describe(list.get(0)));
            }
            if (!(list.get(2) instanceof String nodeId)) {
                return new DecodeResult.Error("node id is not a string: " + describe(list.get(2)));
            }
            return new DecodeResult.Ok(new WireMessage(type, list.get(1), nodeId));
        } catch (BadPayload e) {
            return new DecodeResult.Error(e.getMessage());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String m = e.getMessage();
            return new DecodeResult.Error("malformed msgpack: " + e.getClass().getSimpleName()
                    + (m == null ? "" : ": " + m));
        }
    }

    /** Decodes one value on its own (tests); throws on bad input. */
    static Object decodeValue(byte[] payload) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload)) {
            return new Reader(u, payload.length).read(0);
        }
    }

    /** Decodes the one value in {@code payload[offset, offset + length)} found at nesting {@code depth}. */
    static Object decodeValue(byte[] payload, int offset, int length, int depth) throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(payload, offset, length)) {
            Object v = new Reader(u, length).read(depth);
            if (u.hasNext()) {
                throw new BadPayload("extra data after the value");
            }
            return v;
        }
    }

    private static String describe(Object o) {
        if (o == null) {
            return "nil";
        }
        String s = String.valueOf(o);
        return o.getClass().getSimpleName() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }

    /** A payload error found while reading. */
    static final class BadPayload extends IOException {
        private static final long serialVersionUID = 1L;

        BadPayload(String message) {
            super(message);
        }
    }

    /** Reads values, checking every declared length against the bytes left. */
    record Reader(MessageUnpacker u, long total) {

        private long left() {
            return total - u.getTotalReadBytes();
        }

        void need(long n, String what) throws BadPayload {
            if (n < 0 || n > left()) {
                throw new BadPayload("truncated " + what + " (declares " + n + ", " + left() + " bytes left)");
            }
        }

        Object read(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new BadPayload("nested deeper than " + MAX_DEPTH);
            }
            if (!u.hasNext()) {
                throw new BadPayload("truncated payload");
            }
            MessageFormat f = u.getNextFormat();
            switch (f.getValueType()) {
                case NIL:
                    u.unpackNil();
                    return null;
                case BOOLEAN:
                    return u.unpackBoolean();
                case INTEGER:
                    if (f == MessageFormat.UINT64) {
                        BigInteger b = u.unpackBigInteger();
                        return b.bitLength() < 64 ? (Object) b.longValue() : b;
                    }
                    return u.unpackLong();
                case FLOAT:
                    return u.unpackDouble();
                case STRING: {
                    int n = u.unpackRawStringHeader();
                    need(n, "string");
                    return utf8(u.readPayload(n));
                }
                case BINARY: {
                    int n = u.unpackBinaryHeader();
                    need(n, "binary");
                    return u.readPayload(n);
                }
                case ARRAY: {
                    int n = u.unpackArrayHeader();
                    need(n, "array");
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(read(depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    int n = u.unpackMapHeader();
                    need(2L * n, "map");
                    Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, n * 2));
                    for (int i = 0; i < n; i++) {
                        Object k = read(depth + 1);
                        if (k instanceof List<?> || k instanceof Map<?, ?> || k instanceof byte[]) {
                            throw new BadPayload("unhashable map key: " + k.getClass().getSimpleName());
                        }
                        map.put(k, read(depth + 1));
                    }
                    return map.containsKey(DATETIME_KEY) ? datetime(map) : map;
                }
                case EXTENSION: {
                    var h = u.unpackExtensionTypeHeader();
                    need(h.getLength(), "ext");
                    return new ExtValue(h.getType(), u.readPayload(h.getLength()));
                }
                default:
                    throw new BadPayload("unknown msgpack format " + f);
            }
        }

        static String utf8(byte[] bytes) throws BadPayload {
            // The JDK's lenient decoding is much faster than a strict CharsetDecoder and gives the same string
            // whenever it had nothing to replace: malformed input is the only way U+FFFD appears without being sent.
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            if (lenient.indexOf('\uFFFD') < 0) {
                return lenient;
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new BadPayload("string is not valid UTF-8");
            }
        }

        private static Object datetime(Map<Object, Object> map) throws BadPayload {
            if (map.get("as_str") instanceof String s) {
                try {
                    return LocalDateTime.parse(s, DATETIME_FORMAT);
                } catch (DateTimeParseException e) {
                    throw new BadPayload("bad __datetime__ value: " + s);
                }
            }
            throw new BadPayload("__datetime__ map without as_str");
        }
    }
}
