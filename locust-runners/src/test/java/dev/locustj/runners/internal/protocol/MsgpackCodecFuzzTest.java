package dev.locustj.runners.internal.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random and mutated frames never make the decoder throw (robustness, DIST-18). */
public class MsgpackCodecFuzzTest {

    @Test
    void tenThousandsOfMutatedAndRandomFramesReturnValues() throws IOException {
        Random rnd = new Random(20261123L);
        List<byte[]> seeds = new ArrayList<>();
        MsgpackCodecTest.reference().forEach((name, bytes) -> {
            if (bytes.length < 4096) {
                seeds.add(bytes);
            }
        });
        int ok = 0;
        int errors = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] frame;
            if (i % 3 == 0) {
                frame = new byte[rnd.nextInt(64)];
                rnd.nextBytes(frame);
                if (frame.length > 0 && rnd.nextBoolean()) {
                    frame[0] = (byte) 0x93;
                }
            } else {
                byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
                frame = mutate(seed, rnd);
            }
            DecodeResult r = MsgpackCodec.decode(frame);
            assertThat(r).isNotNull();
            if (r instanceof DecodeResult.Ok o) {
                ok++;
                // whatever decodes must encode again
                assertThat(MsgpackCodec.encode(o.message())).isNotEmpty();
            } else {
                errors++;
            }
        }
        assertThat(ok).isPositive();
        assertThat(errors).isPositive();
    }

    public static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2 -> {
                byte[] c = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(8));
                for (int k = b.length; k < c.length; k++) {
                    c[k] = (byte) rnd.nextInt(256);
                }
                b = c;
            }
            default -> {
                int pos = rnd.nextInt(b.length);
                b[pos] = (byte) (0xc0 + rnd.nextInt(0x40)); // a header byte of another format
            }
        }
        return b;
    }
}
