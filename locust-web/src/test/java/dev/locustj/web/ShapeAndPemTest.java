package dev.locustj.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import dev.locustj.web.internal.PemTls;
import dev.locustj.web.internal.Timespan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /swarm with a load shape (WEB-02), run_time parsing, and PEM key formats (CLI-20). */
class ShapeAndPemTest {

    @Test
    void swarmStartsTheShapeWithoutUserCount() throws Exception {
        Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                .shapeClass(TwoUsersShape.class).build();
        env.createLocalRunner();
        WebUi ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).build());
        try {
            TestSupport.Http http = new TestSupport.Http(ui.url());
            assertThat(http.get("/").body()).contains("\"is_shape\":true");
            HttpResponse<String> r = http.postForm("/swarm", "");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(r.body());
            assertThat(body.get("message").asText()).isEqualTo("Swarming started using shape class 'TwoUsersShape'");
            Runner runner = env.runner().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runner.userCount() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runner.userCount()).isEqualTo(2);
        } finally {
            env.runner().ifPresent(Runner::quit);
            ui.stop();
        }
    }

    @Test
    void runTimeUsesLocustsTimespanFormats() {
        assertThat(Timespan.parseSeconds("20")).isEqualTo(OptionalLong.of(20));
        assertThat(Timespan.parseSeconds("20s")).isEqualTo(OptionalLong.of(20));
        assertThat(Timespan.parseSeconds("3m")).isEqualTo(OptionalLong.of(180));
        assertThat(Timespan.parseSeconds("2h")).isEqualTo(OptionalLong.of(7200));
        assertThat(Timespan.parseSeconds("1h20m")).isEqualTo(OptionalLong.of(4800));
        assertThat(Timespan.parseSeconds("3h30m10s")).isEqualTo(OptionalLong.of(12610));
        assertThat(Timespan.parseSeconds("soon")).isEmpty();
        assertThat(Timespan.parseSeconds("")).isEmpty();
        assertThat(Timespan.parseSeconds("-5")).isEmpty();
    }

    @Test
    void pkcs1RsaKeysAreAcceptedAndEncryptedOnesRefused(@TempDir Path dir) throws Exception {
        Path[] pem = WebUiSecurityTest.selfSignedPem(dir);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(pem[1])
                .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").strip());
        byte[] pkcs1 = innerOctetString(pkcs8);
        Path rsaKey = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");
        KeyStore ks = PemTls.keyStore(pem[0], rsaKey);
        assertThat(ks.isKeyEntry("locust")).isTrue();
        assertThat(ks.getKey("locust", "locustj".toCharArray()).getEncoded()).isEqualTo(pkcs8);

        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemTls.keyStore(pem[0], encrypted)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("encrypted");
    }

    /** The PKCS#1 key inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING }. */
    private static byte[] innerOctetString(byte[] der) {
        int[] pos = {0};
        readHeader(der, pos); // outer SEQUENCE
        int len = readHeader(der, pos); // INTEGER version
        pos[0] += len;
        len = readHeader(der, pos); // AlgorithmIdentifier
        pos[0] += len;
        len = readHeader(der, pos); // OCTET STRING
        return Arrays.copyOfRange(der, pos[0], pos[0] + len);
    }

    private static int readHeader(byte[] der, int[] pos) {
        pos[0]++; // tag
        int b = der[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }
}
