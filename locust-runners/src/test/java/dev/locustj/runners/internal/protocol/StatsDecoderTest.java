package dev.locustj.runners.internal.protocol;

import dev.locustj.core.internal.stats.PreDecodedEntries;
import dev.locustj.core.internal.stats.PreDecodedEntry;
import dev.locustj.core.internal.stats.RequestStats;
import dev.locustj.core.internal.stats.WireEntry;
import dev.locustj.core.internal.stats.WireFormatException;
import dev.locustj.core.internal.stats.WireMergeResult;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The master's streaming stats decoding (issue 6, "Scale"; protocol §7) against the generic decoding plus the
 * map-reading merge, on stats frames made by Python Locust 2.12.1's own code (src/test/python/make_stats_frames.py)
 * and on hand-built odd frames: the same message, the same merge, the same errors.
 */
public class StatsDecoderTest {

    private static final long NOW_MICROS = 1_795_372_000_123_456L;

    static Map<String, byte[]> frames() throws IOException {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                StatsDecoderTest.class.getResourceAsStream("/stats-frames.txt")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                int sp = line.indexOf(' ');
                frames.put(line.substring(0, sp), HexFormat.of().parseHex(line.substring(sp + 1)));
            }
        }
        Map<String, byte[]> reference = MsgpackCodecTest.reference();
        frames.put("reference_stats", reference.get("stats"));
        frames.put("reference_stats_empty", reference.get("stats_empty"));
        return frames;
    }

    private static RequestStats stats() {
        return new RequestStats("master", () -> NOW_MICROS);
    }

    /** Checks that {@code decode} gives what the generic path gives, merged the same; returns whether it streamed. */
    private static boolean sameAsGeneric(String name, byte[] payload) {
        DecodeResult generic = MsgpackCodec.decodeGeneric(payload);
        boolean streamed = StatsDecoder.isStatsMessage(payload) && StatsDecoder.decode(payload).isPresent();
        DecodeResult fast = MsgpackCodec.decode(payload);
        if (generic instanceof DecodeResult.Error) {
            assertThat(fast).as(name).isEqualTo(generic);
            assertThat(streamed).as(name + " streamed a frame the generic path rejects").isFalse();
            return false;
        }
        assertThat(fast).as(name).isInstanceOf(DecodeResult.Ok.class);
        WireMessage g = ((DecodeResult.Ok) generic).message();
        WireMessage f = ((DecodeResult.Ok) fast).message();
        if (f.data() instanceof Map<?, ?> fd && fd.get("stats") instanceof PreDecodedEntries pre) {
            List<?> genericEntries = (List<?>) ((Map<?, ?>) g.data()).get("stats");
            for (int i = 0; i < genericEntries.size(); i++) {
                assertThat(pre.preDecoded(i)).as(name + " entry " + i)
                        .contains(WireEntry.fromMap(genericEntries.get(i)));
            }
        }
        if (f.data() instanceof Map<?, ?> fd && fd.get("stats_total") instanceof PreDecodedEntry pre) {
            assertThat(pre.preDecoded()).as(name + " stats_total")
                    .contains(WireEntry.fromMap(((Map<?, ?>) g.data()).get("stats_total")));
        }
        if (g.data() instanceof Map<?, ?> gd && f.data() instanceof Map<?, ?> fd) {
            RequestStats a = stats();
            RequestStats b = stats();
            WireMergeResult ra = a.mergeWorkerReport(fd); // before anything looked at the list: pre-decoded entries
            WireMergeResult rb = b.mergeWorkerReport(gd);
            assertThat(ra).as(name).isEqualTo(rb);
            assertThat(a.workerReport()).as(name).isEqualTo(b.workerReport());
        }
        assertThat(f).as(name).isEqualTo(g);
        assertThat(MsgpackCodec.encode(f)).as(name).isEqualTo(MsgpackCodec.encode(g));
        return streamed;
    }

    @Test
    void pythonStatsFramesDecodeAndMergeExactlyAsTheGenericPath() throws IOException {
        Map<String, byte[]> frames = frames();
        assertThat(frames).hasSizeGreaterThan(45);
        frames.forEach((name, bytes) -> {
            boolean streamed = sameAsGeneric(name, bytes);
            if (!name.startsWith("bad_")) {
                assertThat(streamed).as(name + " takes the streaming path").isTrue();
                assertThat(MsgpackCodec.encode(ok(bytes))).as(name).isEqualTo(bytes);
            }
        });
    }

    @Test
    void realPythonReportMergesAllItsEntriesFromPrimitives() throws IOException {
        byte[] bytes = frames().get("real_mixed_int_float_keys");
        Map<?, ?> data = (Map<?, ?>) ok(bytes).data();
        assertThat(data.get("stats")).isInstanceOf(DecodedStatsList.class);
        List<?> entries = (List<?>) data.get("stats");
        assertThat(entries).hasSize(80);
        PreDecodedEntries pre = (PreDecodedEntries) entries;
        for (int i = 0; i < entries.size(); i++) {
            assertThat(pre.preDecoded(i)).isPresent();
        }
        WireMergeResult r = stats().mergeWorkerReport(data);
        assertThat(r.entries()).isEqualTo(81);
        assertThat(r.rejected()).isZero();
    }

    @Test
    void rejectedValuesAreReportedAsBefore() throws IOException {
        Map<String, byte[]> frames = frames();
        Map<?, ?> data = (Map<?, ?>) ok(frames.get("bad_negative_count")).data();
        assertThat(stats().mergeWorkerReport(data).problems())
                .containsExactly("stats entry skipped: 'num_requests' is negative: -1");
        data = (Map<?, ?>) ok(frames.get("bad_fraction_bucket_count")).data();
        assertThat(stats().mergeWorkerReport(data).problems()).hasSize(1);
        assertThat(MsgpackCodec.decode(frames.get("bad_datetime_not_a_date")))
                .isEqualTo(new DecodeResult.Error("bad __datetime__ value: yesterday"));
    }

    @Test
    void everyTruncationAndTrailingByteIsJudgedAsTheGenericPathDoes() throws IOException {
        for (Map.Entry<String, byte[]> e : frames().entrySet()) {
            byte[] b = e.getValue();
            int step = b.length > 4000 ? 97 : 1;
            for (int len = 1; len < b.length; len += step) {
                sameAsGeneric(e.getKey() + "[0," + len + ")", Arrays.copyOf(b, len));
            }
            sameAsGeneric(e.getKey() + "+1", Arrays.copyOf(b, b.length + 1));
        }
    }

    @Test
    void mutatedStatsFramesDecodeAndMergeAsTheGenericPath() throws IOException {
        Random rnd = new Random(6);
        List<byte[]> seeds = frames().values().stream().filter(b -> b.length < 8192).toList();
        int streamed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = MsgpackCodecFuzzTest.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            if (sameAsGeneric("mutation " + i, frame)) {
                streamed++;
            }
        }
        assertThat(streamed).isPositive();
    }

    @Test
    void intAndFloatKeysOfTheSameBucketAreTwoKeysButARepeatedKeyGoesTheGenericWay() throws IOException {
        byte[] mixed = statsFrame(p -> {
            p.packMapHeader(2);
            p.packLong(150);
            p.packLong(2);
            p.packDouble(150.0);
            p.packLong(3);
        });
        assertThat(sameAsGeneric("150 and 150.0", mixed)).isTrue();
        RequestStats s = stats();
        s.mergeWorkerReport((Map<?, ?>) ok(mixed).data());
        assertThat(s.snapshot().entry("GET", "/x").orElseThrow().numRequests()).isEqualTo(5);

        byte[] repeated = statsFrame(p -> {
            p.packMapHeader(3);
            p.packLong(160);
            p.packLong(2);
            p.packLong(150);
            p.packLong(2);
            p.packLong(160);
            p.packLong(7);
        });
        assertThat(sameAsGeneric("160 twice", repeated)).isFalse();
        byte[] repeatedFloat = statsFrame(p -> {
            p.packMapHeader(2);
            p.packDouble(150.0);
            p.packLong(2);
            p.packDouble(150.0);
            p.packLong(7);
        });
        assertThat(sameAsGeneric("150.0 twice", repeatedFloat)).isFalse();
        byte[] close = statsFrame(p -> { // distinct floats that round to one bucket: two keys, as generic
            p.packMapHeader(2);
            p.packDouble(150.2);
            p.packLong(2);
            p.packDouble(149.9);
            p.packLong(7);
        });
        assertThat(sameAsGeneric("150.2 and 149.9", close)).isTrue();
    }

    @Test
    void oddFramesFallBackToTheGenericPath() throws IOException {
        // an entry key twice: the generic map keeps the last value
        byte[] twice = build(p -> {
            header(p, 1);
            p.packMapHeader(3);
            p.packString("name");
            p.packString("/x");
            p.packString("num_requests");
            p.packLong(-1);
            p.packString("num_requests");
            p.packLong(4);
            trailer(p);
        });
        assertThat(sameAsGeneric("num_requests twice", twice)).isFalse();
        RequestStats s = stats();
        assertThat(s.mergeWorkerReport((Map<?, ?>) ok(twice).data()).rejected()).isZero();
        assertThat(s.snapshot().entry("", "/x").orElseThrow().numRequests()).isEqualTo(4);
        // invalid UTF-8 in a name: the whole message is an error, as before
        byte[] badName = build(p -> {
            header(p, 1);
            p.packMapHeader(1);
            p.packString("name");
            p.packRawStringHeader(2);
            p.writePayload(new byte[]{(byte) 0xc3, (byte) 0x28});
            trailer(p);
        });
        assertThat(MsgpackCodec.decode(badName)).isEqualTo(new DecodeResult.Error("string is not valid UTF-8"));
        assertThat(sameAsGeneric("bad UTF-8 name", badName)).isFalse();
        // the data map's "stats" key twice
        byte[] statsTwice = build(p -> {
            p.packArrayHeader(3);
            p.packString("stats");
            p.packMapHeader(2);
            p.packString("stats");
            p.packArrayHeader(0);
            p.packString("stats");
            p.packArrayHeader(0);
            p.packString("node");
        });
        assertThat(sameAsGeneric("stats twice", statsTwice)).isFalse();
        // a uint64 count above Long.MAX_VALUE, a boolean and an unknown long key with a non-ASCII name
        byte[] odd = build(p -> {
            header(p, 1);
            p.packMapHeader(4);
            p.packString("name");
            p.packString("/x");
            p.packString("k\u00e9y that is longer than thirty-two bytes, with UTF-8");
            p.packBoolean(true);
            p.packString("\u00e9");
            p.packNil();
            p.packString("num_failures");
            p.packBigInteger(new java.math.BigInteger("18446744073709551615"));
            trailer(p);
        });
        assertThat(sameAsGeneric("uint64 count", odd)).isFalse();
    }

    @Test
    void listenersSeeOrdinaryMapsAndTheirEditsAreMerged() throws IOException {
        byte[] bytes = frames().get("many_entries");
        @SuppressWarnings("unchecked") Map<Object, Object> data = (Map<Object, Object>) ok(bytes).data();
        @SuppressWarnings("unchecked") List<Object> list = (List<Object>) data.get("stats");
        PreDecodedEntries pre = (PreDecodedEntries) list;
        assertThat(list).hasSize(150);
        @SuppressWarnings("unchecked") Map<Object, Object> first = (Map<Object, Object>) list.get(0);
        assertThat(first).containsEntry("name", "/n0").containsEntry("method", "GET").containsEntry("num_requests", 3L)
                .containsKey("response_times");
        assertThat(list.get(2)).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) list.get(2)).get("method")).isNull();
        assertThat(pre.preDecoded(0)).isEmpty(); // handed out: the merge reads the map, which a listener may edit
        assertThat(pre.preDecoded(1)).isPresent();
        first.put("num_requests", 100L);
        RequestStats s = stats();
        assertThat(s.mergeWorkerReport(data).entries()).isEqualTo(151);
        assertThat(s.snapshot().entry("GET", "/n0").orElseThrow().numRequests()).isEqualTo(100);
        assertThat(s.snapshot().entry("GET", "/n3").orElseThrow().numRequests()).isEqualTo(3);

        // stats_total: a map for listeners too; once used, the merge reads the (edited) map
        @SuppressWarnings("unchecked") Map<Object, Object> total = (Map<Object, Object>) data.get("stats_total");
        assertThat(total).isInstanceOf(PreDecodedEntry.class);
        assertThat(s.snapshot().total().numRequests()).isEqualTo(3);
        @SuppressWarnings("unchecked") Map<Object, Object> data3 = (Map<Object, Object>) ok(bytes).data();
        PreDecodedEntry total3 = (PreDecodedEntry) data3.get("stats_total");
        assertThat(total3.preDecoded()).isPresent();
        @SuppressWarnings("unchecked") Map<Object, Object> totalMap = (Map<Object, Object>) total3;
        assertThat(totalMap).containsEntry("name", "Aggregated").containsEntry("num_requests", 3L);
        assertThat(total3.preDecoded()).isEmpty();
        totalMap.put("num_requests", 7L);
        RequestStats s3 = stats();
        s3.mergeWorkerReport(data3);
        assertThat(s3.snapshot().total().numRequests()).isEqualTo(7);

        // a listener that drops entries: the merge sees the changed list
        @SuppressWarnings("unchecked") Map<Object, Object> again = (Map<Object, Object>) ok(bytes).data();
        @SuppressWarnings("unchecked") List<Object> list2 = (List<Object>) again.get("stats");
        list2.subList(1, 150).clear();
        list2.add(Map.of("name", "/added", "num_requests", 2L));
        assertThat(list2).hasSize(2);
        assertThat(((PreDecodedEntries) list2).preDecoded(0)).isEmpty();
        RequestStats s2 = stats();
        assertThat(s2.mergeWorkerReport(again).entries()).isEqualTo(3);
        assertThat(s2.snapshot().entries()).hasSize(2);
        assertThat(s2.snapshot().entry("", "/added").orElseThrow().numRequests()).isEqualTo(2);
    }

    @Test
    void builderRejectsWhatTheGenericReadingRejects() {
        WireEntry.Builder b = new WireEntry.Builder();
        assertThatThrownBy(b::build).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> b.integer(WireEntry.Field.NUM_REQUESTS, -1)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> b.floating(WireEntry.Field.NUM_REQUESTS, 1.5)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> b.floating(WireEntry.Field.MAX_RESPONSE_TIME, Double.NaN))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> b.nil(WireEntry.Field.TOTAL_RESPONSE_TIME)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> b.string(WireEntry.Field.NUM_FAILURES, "1")).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> WireEntry.mapKey(WireEntry.Field.RESPONSE_TIMES, Double.POSITIVE_INFINITY))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> WireEntry.mapKey(WireEntry.Field.RESPONSE_TIMES, -1L))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> WireEntry.mapCount(WireEntry.Field.RESPONSE_TIMES, -1L))
                .isInstanceOf(WireFormatException.class);
        assertThat(WireEntry.mapKey(WireEntry.Field.RESPONSE_TIMES, 149.5)).isEqualTo(150);
        assertThat(WireEntry.mapCount(WireEntry.Field.NUM_REQS_PER_SEC, 3.0)).isEqualTo(3);
        b.reset().string(WireEntry.Field.NAME, "/x");
        b.nil(WireEntry.Field.METHOD);
        b.floating(WireEntry.Field.NUM_REQUESTS, 2.0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "/x");
        m.put("method", null);
        m.put("num_requests", 2.0);
        assertThat(b.build()).isEqualTo(WireEntry.fromMap(m));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static WireMessage ok(byte[] payload) {
        DecodeResult r = MsgpackCodec.decode(payload);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message();
    }

    @FunctionalInterface
    private interface Packing {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static byte[] build(Packing body) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            body.pack(p);
            return p.toByteArray();
        }
    }

    /** [ "stats", {"stats": [ ...n entries follow... */
    private static void header(MessageBufferPacker p, int entries) throws IOException {
        p.packArrayHeader(3);
        p.packString("stats");
        p.packMapHeader(2);
        p.packString("stats");
        p.packArrayHeader(entries);
    }

    /** ... ], "errors": {}}, node ] */
    private static void trailer(MessageBufferPacker p) throws IOException {
        p.packString("errors");
        p.packMapHeader(0);
        p.packString("node");
    }

    /** A one-entry report whose response_times map {@code times} writes. */
    private static byte[] statsFrame(Packing times) throws IOException {
        return build(p -> {
            header(p, 1);
            p.packMapHeader(4);
            p.packString("name");
            p.packString("/x");
            p.packString("method");
            p.packString("GET");
            p.packString("num_requests");
            p.packLong(5);
            p.packString("response_times");
            times.pack(p);
            trailer(p);
        });
    }
}
