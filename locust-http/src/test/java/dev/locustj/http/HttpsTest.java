package dev.locustj.http;

import dev.locustj.core.Environment;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTTPS with self-signed certificates generated here by the JDK's keytool: verification, insecure, SNI, client
 * certificates (PKCS#12).
 */
@Timeout(60)
class HttpsTest {

    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static Path clientStore;
    private static TestServer server;
    private static TestServer mutualServer;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("locustj-tls");
        Path serverStore = keytool("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        clientStore = keytool("load-client", null);
        KeyStore ks = load(serverStore);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        X509Certificate clientCert = (X509Certificate) load(clientStore).getCertificate("load-client");
        server = new TestServer(SslContextBuilder.forServer(kmf).build());
        mutualServer = new TestServer(SslContextBuilder.forServer(kmf)
                .trustManager(clientCert).clientAuth(ClientAuth.REQUIRE).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        mutualServer.close();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // temp files: best effort
        }
        dir.toFile().delete();
    }

    private static Path keytool(String alias, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            cmd.addAll(List.of("-ext", san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return store;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static HttpSession session(String url, HttpSettings settings) {
        return HttpSession.create(Environment.builder().build(), url, settings);
    }

    @Test
    void insecureSessionAcceptsASelfSignedCertificate() {
        HttpSession s = session(server.url(), HttpSettings.defaults().withInsecure(true));
        HttpResponse r = s.get("/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.url()).startsWith("https://127.0.0.1:");
        assertThat(s.get("/gzip").text()).startsWith("hello gzip");
    }

    @Test
    void verifyingSessionRejectsASelfSignedCertificateWithStatusZero() {
        HttpResponse r = session(server.url(), HttpSettings.defaults()).get("/hello");
        assertThat(r.statusCode()).isZero();
        assertThat(r.error()).get().isInstanceOf(ConnectionError.class)
                .extracting(Throwable::getMessage).asString().startsWith("SSL error: ");
    }

    @Test
    void hostNameIsSentAsSni() throws Exception {
        assumeTrue(InetAddress.getByName("localhost").isLoopbackAddress()
                && InetAddress.getByName("localhost").getAddress().length == 4, "localhost is 127.0.0.1");
        HttpSession s = session("https://localhost:" + server.port(), HttpSettings.defaults().withInsecure(true));
        assertThat(s.get("/hello").ok()).isTrue();
        assertThat(server.lastSni.get()).isEqualTo("localhost");
    }

    @Test
    void clientCertificateIsPresentedWhenTheServerAsks() {
        HttpSettings insecure = HttpSettings.defaults().withInsecure(true);
        HttpResponse without = session(mutualServer.url(), insecure).get("/hello");
        assertThat(without.statusCode()).isZero();
        HttpSettings withCert = insecure.withClientCertificate(
                HttpSettings.ClientCertificate.pkcs12(clientStore, PASSWORD));
        HttpResponse with = session(mutualServer.url(), withCert).get("/hello");
        assertThat(with.statusCode()).isEqualTo(200);
    }
}
