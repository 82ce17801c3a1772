package dev.locustj.http;

import dev.locustj.core.Environment;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HTTPS with a self-signed certificate generated here: verification, insecure, SNI, client certificates. */
@Timeout(60)
class HttpsTest {

    private static SelfSignedCertificate serverCert;
    private static SelfSignedCertificate clientCert;
    private static TestServer server;
    private static TestServer mutualServer;

    @BeforeAll
    static void start() throws Exception {
        serverCert = SelfSignedCertificate.builder().fqdn("localhost").build();
        clientCert = SelfSignedCertificate.builder().fqdn("load-client").build();
        server = new TestServer(SslContextBuilder.forServer(serverCert.certificate(), serverCert.privateKey())
                .build());
        mutualServer = new TestServer(SslContextBuilder.forServer(serverCert.certificate(), serverCert.privateKey())
                .trustManager(clientCert.cert()).clientAuth(ClientAuth.REQUIRE).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        mutualServer.close();
        serverCert.delete();
        clientCert.delete();
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
        HttpSettings withCert = insecure.withClientCertificate(HttpSettings.ClientCertificate.pem(
                clientCert.certificate().toPath(), clientCert.privateKey().toPath()));
        HttpResponse with = session(mutualServer.url(), withCert).get("/hello");
        assertThat(with.statusCode()).isEqualTo(200);
    }
}
