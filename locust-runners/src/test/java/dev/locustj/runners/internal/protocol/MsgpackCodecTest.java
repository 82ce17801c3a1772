package dev.locustj.runners.internal.protocol;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec against frames encoded by Python Locust 2.12.1's own rpc.protocol.Message (protocol §3, §13). */
public class MsgpackCodecTest {

    static final String NODE = "vm_840a594c46ec445a93321174b02f4e8d";

    public static Map<String, byte[]> reference() throws IOException {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                MsgpackCodecTest.class.getResourceAsStream("/reference-frames.txt")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                int sp = line.indexOf(' ');
                frames.put(line.substring(0, sp), HexFormat.of().parseHex(line.substring(sp + 1)));
            }
        }
        return frames;
    }

    private static WireMessage ok(byte[] payload) {
        DecodeResult r = MsgpackCodec.decode(payload);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    @Test
    void everyPythonFrameDecodesAndReencodesToTheSameBytes() throws IOException {
        Map<String, byte[]> frames = reference();
        assertThat(frames).hasSizeGreaterThan(60);
        frames.forEach((name, bytes) -> {
            WireMessage m = ok(bytes);
            assertThat(MsgpackCodec.encode(m)).as(name).isEqualTo(bytes);
        });
    }

    @Test
    void javaBuiltCoreMessagesMatchPythonBytes() throws IOException {
        Map<String, byte[]> ref = reference();
        assertThat(MsgpackCodec.encode(new WireMessage("client_ready", -1, NODE))).isEqualTo(ref.get("client_ready_minus_one"));
        assertThat(MsgpackCodec.encode(new WireMessage("client_ready", "2.12.1", NODE)))
                .isEqualTo(ref.get("client_ready_version"));
        assertThat(MsgpackCodec.encode(new WireMessage("ack", Map.of("index", 0), NODE))).isEqualTo(ref.get("ack"));
        Map<String, Object> hb = new LinkedHashMap<>();
        hb.put("state", "ready");
        hb.put("current_cpu_usage", 0.0);
        hb.put("current_memory_usage", 56184832L);
        byte[] heartbeat = MsgpackCodec.encode(new WireMessage("heartbeat", hb, NODE));
        assertThat(heartbeat).isEqualTo(ref.get("heartbeat")).hasSize(114);
        assertThat(MsgpackCodec.encode(WireMessage.of("spawning", NODE))).isEqualTo(ref.get("spawning"));
        assertThat(MsgpackCodec.encode(WireMessage.of("quit", NODE))).isEqualTo(ref.get("quit"));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("FakeUser", 1);
        counts.put("Other", 2);
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("user_classes_count", counts);
        sc.put("user_count", 3);
        assertThat(MsgpackCodec.encode(new WireMessage("spawning_complete", sc, NODE)))
                .isEqualTo(ref.get("spawning_complete"));
        // spawn_rate 3.0 travels as float64 even though it is integral
        Map<String, Object> spawn = new LinkedHashMap<>();
        spawn.put("timestamp", 1795371964.5);
        spawn.put("user_classes_count", Map.of("A", 3));
        spawn.put("host", "http://h");
        spawn.put("stop_timeout", 2.5);
        spawn.put("parsed_options", Map.of());
        assertThat(MsgpackCodec.encode(new WireMessage("spawn", spawn, NODE)))
                .isEqualTo(ref.get("spawn_host_float_timeout"));
    }

    @Test
    void decodedTypesFollowThePythonValues() throws IOException {
        Map<String, byte[]> ref = reference();
        assertThat(ok(ref.get("client_ready_minus_one")).data()).isEqualTo(-1L);
        assertThat(ok(ref.get("spawning")).data()).isNull();
        assertThat(ok(ref.get("int_11")).data()).isEqualTo(new java.math.BigInteger("18446744073709551615"));
        assertThat(ok(ref.get("float_1")).data()).isEqualTo(3.0);
        assertThat(ok(ref.get("str_unicode")).data()).isEqualTo("h\u00e9llo \u2713 \uD83D\uDE00 \u4e2d");
        @SuppressWarnings("unchecked") Map<Object, Object> keys = (Map<Object, Object>) ok(ref.get("map_int_float_keys")).data();
        assertThat(keys).containsEntry(150.0, 2L).containsEntry(140L, 1L).containsEntry(-3L, 0L);
        @SuppressWarnings("unchecked") Map<Object, Object> stats = (Map<Object, Object>) ok(ref.get("stats")).data();
        assertThat(stats.keySet()).containsExactly((Object) "stats", "stats_total", "errors", "user_classes_count", "user_count");
        assertThat((List<?>) stats.get("stats")).hasSize(3);
    }

    @Test
    void datetimeUsesLocustsMapConvention() {
        LocalDateTime t = LocalDateTime.of(2026, 8, 22, 10, 11, 12, 123_000);
        byte[] bytes = MsgpackCodec.encode(new WireMessage("custom", t, "local"));
        WireMessage m = ok(bytes);
        assertThat(m.data()).isEqualTo(t);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("__datetime__").contains("20260822T10:11:12.000123");
    }

    @Test
    void malformedPayloadsAreErrorValues() {
        byte[] good = MsgpackCodec.encode(WireMessage.of("quit", NODE));
        byte[] extra = java.util.Arrays.copyOf(good, good.length + 1);
        assertThat(MsgpackCodec.decode(extra)).isInstanceOf(DecodeResult.Error.class);
        assertThat(MsgpackCodec.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(DecodeResult.Error.class);
        assertThat(MsgpackCodec.decode(new byte[0])).isInstanceOf(DecodeResult.Error.class);
        assertThat(MsgpackCodec.decode("hello".getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeResult.Error.class);
        assertThat(MsgpackCodec.decode(MsgpackCodec.encodeValue(List.of("a", "b")))).isInstanceOf(DecodeResult.Error.class);
        assertThat(MsgpackCodec.decode(MsgpackCodec.encodeValue(List.of(1, 2, "x")))).isInstanceOf(DecodeResult.Error.class);
        // invalid UTF-8 in the type string
        byte[] badUtf8 = {(byte) 0x93, (byte) 0xa1, (byte) 0xff, (byte) 0xc0, (byte) 0xa1, 'x'};
        assertThat(MsgpackCodec.decode(badUtf8)).isInstanceOf(DecodeResult.Error.class);
        // an array header claiming 4 billion elements
        byte[] huge = {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        assertThat(MsgpackCodec.decode(huge)).isInstanceOf(DecodeResult.Error.class);
        // never-used format byte
        assertThat(MsgpackCodec.decode(new byte[]{(byte) 0x93, (byte) 0xc1, (byte) 0xc0, (byte) 0xc0}))
                .isInstanceOf(DecodeResult.Error.class);
        // deep nesting
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertThat(MsgpackCodec.decode(deep)).isInstanceOf(DecodeResult.Error.class);
    }

    @Test
    void stringsAreStrictUtf8EvenThoughTheUsualCaseTakesTheFastDecoding() throws IOException {
        for (String ok : List.of("", "plain", "h\u00e9llo \u2713 \uD83D\uDE00", "a\uFFFDb", "\uFFFD")) {
            assertThat(MsgpackCodec.decodeValue(MsgpackCodec.encodeValue(ok))).isEqualTo(ok);
        }
        byte[][] bad = {{(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {'a', (byte) 0xff},
                {(byte) 0xef, (byte) 0xbf, (byte) 0xbd, (byte) 0xe2, (byte) 0x82}};
        for (byte[] b : bad) {
            byte[] frame = new byte[3 + b.length + 2];
            frame[0] = (byte) 0x93;
            frame[1] = (byte) 0xa1;
            frame[2] = 'x';
            frame[3] = (byte) (0xa0 | b.length);
            System.arraycopy(b, 0, frame, 4, b.length);
            frame[4 + b.length] = (byte) 0xa1;
            frame = java.util.Arrays.copyOf(frame, 4 + b.length + 2);
            frame[5 + b.length] = 'n';
            assertThat(MsgpackCodec.decode(frame)).as(HexFormat.of().formatHex(b))
                    .isEqualTo(new DecodeResult.Error("string is not valid UTF-8"));
        }
        // random byte strings: accepted exactly when a strict decoder accepts them, as the same string
        java.util.Random rnd = new java.util.Random(8);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[rnd.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (rnd.nextBoolean() ? 0x80 + rnd.nextInt(0x80) : rnd.nextInt(0x100));
            }
            String strict;
            try {
                strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = null;
            }
            byte[] value = new byte[1 + b.length];
            value[0] = (byte) (0xa0 | b.length);
            System.arraycopy(b, 0, value, 1, b.length);
            Object decoded;
            try {
                decoded = MsgpackCodec.decodeValue(value);
            } catch (IOException e) {
                decoded = null;
            }
            assertThat(decoded).as(HexFormat.of().formatHex(b)).isEqualTo(strict);
        }
    }

    @Test
    void objectsMsgpackCannotCarryAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> MsgpackCodec.encode(new WireMessage("x", new Object(), "n")))
                .isInstanceOf(EncodeException.class);
    }
}
