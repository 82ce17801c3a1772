package dev.locustj.http;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.ConfigurationException;
import dev.locustj.http.HttpSettings.Proxy;
import dev.locustj.http.internal.DefaultHttpSession;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proxies (issue 4, "proxy support where Netty provides it"): a real forward proxy on 127.0.0.1 ({@link TestProxy})
 * in front of the test servers: absolute-form requests for http, CONNECT tunnels with TLS inside for https, proxy
 * credentials, a refusing proxy, an unreachable proxy, and the opt-in HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables.
 */
@Timeout(60)
class ProxyTest {

    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static TestServer plain;
    private static TestServer tls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("locustj-proxy");
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        plain = new TestServer();
        tls = new TestServer(SslContextBuilder.forServer(kmf).build());
    }

    @AfterAll
    static void stop() throws Exception {
        plain.close();
        tls.close();
        Files.deleteIfExists(dir.resolve("server.p12"));
        Files.deleteIfExists(dir);
    }

    private record Client(HttpSession session, ConcurrentLinkedQueue<RequestEvent> events) {
    }

    private static Client client(String url, HttpSettings settings, Map<String, String> variables) {
        Environment env = Environment.builder().build();
        ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();
        env.events().request().add(events::add);
        return new Client(DefaultHttpSession.create(env, url, settings, Map::of, variables), events);
    }

    private static Client client(String url, HttpSettings settings) {
        return client(url, settings, Map.of());
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteFormOverOneKeepAliveConnection() throws Exception {
        try (TestProxy proxy = new TestProxy()) {
            Client c = client(plain.url(), HttpSettings.defaults().withProxy(Proxy.http("127.0.0.1", proxy.port())));
            int before = plain.requests.get();
            HttpResponse r = c.session().get("/echo?x=1");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.json().get("uri").asText()).isEqualTo("/echo?x=1"); // the proxy passed it on in origin form
            assertThat(r.json().get("headers").get("host").asText()).isEqualTo("127.0.0.1:" + plain.port());
            assertThat(r.json().get("headers").has("proxy-authorization")).isFalse();
            assertThat(c.session().get("/hello").text()).isEqualTo("hello");
            assertThat(proxy.requestTargets).containsExactly("GET " + plain.url() + "/echo?x=1",
                    "GET " + plain.url() + "/hello");
            assertThat(proxy.forwarded.get()).isEqualTo(2);
            assertThat(proxy.connects.get()).isZero();
            assertThat(proxy.clientConnections.get()).as("keep-alive to the proxy").isEqualTo(1);
            assertThat(plain.requests.get() - before).isEqualTo(2);
            assertThat(c.events()).extracting(RequestEvent::name).containsExactly("/echo?x=1", "/hello");
            assertThat(c.events()).allMatch(e -> e.exception().isEmpty());
        }
    }

    @Test
    void httpsIsTunnelledWithConnectAndTlsRunsThroughTheTunnel() throws Exception {
        try (TestProxy proxy = new TestProxy()) {
            Client c = client(tls.url(), HttpSettings.defaults().withInsecure(true)
                    .withProxy(Proxy.http("127.0.0.1", proxy.port())));
            HttpResponse r = c.session().get("/echo");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.url()).startsWith("https://127.0.0.1:" + tls.port());
            assertThat(r.json().get("uri").asText()).isEqualTo("/echo");
            assertThat(c.session().get("/gzip").text()).startsWith("hello gzip");
            assertThat(proxy.requestTargets).containsExactly("CONNECT 127.0.0.1:" + tls.port());
            assertThat(proxy.connects.get()).as("one tunnel, reused").isEqualTo(1);
            assertThat(proxy.forwarded.get()).isZero();
            assertThat(c.events()).hasSize(2).allMatch(e -> e.exception().isEmpty());
        }
    }

    @Test
    void proxyCredentialsAreSentAndARefusingProxyFailsTheRequestWithStatusZero() throws Exception {
        try (TestProxy proxy = new TestProxy("load", "s3cret")) {
            Proxy anonymous = Proxy.http("127.0.0.1", proxy.port());
            Client refused = client(tls.url(), HttpSettings.defaults().withInsecure(true).withProxy(anonymous));
            HttpResponse r = refused.session().get("/hello");
            assertThat(r.statusCode()).isZero();
            assertThat(r.error()).get().isInstanceOf(ConnectionError.class).extracting(Throwable::getMessage)
                    .isEqualTo("Proxy 127.0.0.1:" + proxy.port() + " refused CONNECT to 127.0.0.1:" + tls.port()
                            + ": 407 Proxy Authentication Required");
            assertThat(refused.events()).singleElement().satisfies(e -> assertThat(e.exception()).isPresent());

            // plain http: the proxy's 407 is an ordinary response, as with python requests
            Client plainRefused = client(plain.url(), HttpSettings.defaults().withProxy(anonymous));
            HttpResponse p = plainRefused.session().get("/hello");
            assertThat(p.statusCode()).isEqualTo(407);
            assertThat(p.ok()).isFalse();

            Proxy withCredentials = anonymous.withCredentials("load", "s3cret");
            Client ok = client(tls.url(), HttpSettings.defaults().withInsecure(true).withProxy(withCredentials));
            assertThat(ok.session().get("/hello").text()).isEqualTo("hello");
            Client okPlain = client(plain.url(), HttpSettings.defaults().withProxy(withCredentials));
            assertThat(okPlain.session().get("/hello").text()).isEqualTo("hello");
            assertThat(proxy.refused.get()).isEqualTo(2);
            assertThat(proxy.connects.get()).isEqualTo(1);
            assertThat(proxy.forwarded.get()).isEqualTo(1);
        }
    }

    @Test
    void unreachableProxyFailsWithStatusZeroAndNamesTheProxy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (String url : List.of(plain.url(), tls.url())) {
            Client c = client(url, HttpSettings.defaults().withInsecure(true).withProxy(Proxy.http("127.0.0.1", port)));
            HttpResponse r = c.session().get("/hello");
            assertThat(r.statusCode()).isZero();
            assertThat(r.error()).get().extracting(Throwable::getMessage)
                    .isEqualTo("Cannot connect to proxy 127.0.0.1:" + port + ": Connection refused");
        }
    }

    @Test
    void environmentVariablesAreUsedOnlyWhenTrustEnvIsOn() throws Exception {
        try (TestProxy proxy = new TestProxy()) {
            String proxyUrl = "http://127.0.0.1:" + proxy.port();
            Map<String, String> vars = Map.of("HTTP_PROXY", proxyUrl, "https_proxy", proxyUrl);
            client(plain.url(), HttpSettings.defaults(), vars).session().get("/hello");
            assertThat(proxy.requestTargets).as("off by default, as in Locust").isEmpty();

            HttpSettings trusting = HttpSettings.defaults().withTrustEnv(true).withInsecure(true);
            client(plain.url(), trusting, vars).session().get("/hello");
            client(tls.url(), trusting, vars).session().get("/hello");
            assertThat(proxy.requestTargets).containsExactly("GET " + plain.url() + "/hello",
                    "CONNECT 127.0.0.1:" + tls.port());

            Map<String, String> exempt = Map.of("HTTP_PROXY", proxyUrl, "NO_PROXY", "example.com, 127.0.0.1");
            assertThat(client(plain.url(), trusting, exempt).session().get("/hello").ok()).isTrue();
            assertThat(proxy.requestTargets).as("NO_PROXY bypasses the proxy").hasSize(2);
        }
    }

    @Test
    void socks5TunnelsHttpAndHttpsWithOptionalCredentials() throws Exception {
        try (TestSocksProxy socks = new TestSocksProxy(null, null)) {
            HttpSettings settings = HttpSettings.defaults().withInsecure(true)
                    .withProxy(Proxy.parse("socks5://127.0.0.1:" + socks.port()));
            Client c = client(plain.url(), settings);
            assertThat(c.session().get("/hello").text()).isEqualTo("hello");
            assertThat(c.session().get("/echo").json().get("uri").asText()).isEqualTo("/echo"); // origin form
            Client t = client(tls.url(), settings);
            assertThat(t.session().get("/hello").text()).isEqualTo("hello");
            assertThat(socks.connects).containsExactly("127.0.0.1:" + plain.port(), "127.0.0.1:" + tls.port());
        }
        try (TestSocksProxy socks = new TestSocksProxy("load", "s3cret")) {
            Proxy anonymous = Proxy.socks5("127.0.0.1", socks.port());
            HttpResponse refused = client(plain.url(), HttpSettings.defaults().withProxy(anonymous)).session()
                    .get("/hello");
            assertThat(refused.statusCode()).isZero();
            assertThat(refused.error()).get().extracting(Throwable::getMessage).asString()
                    .isEqualTo("Proxy 127.0.0.1:" + socks.port() + " failed to connect to 127.0.0.1:" + plain.port()
                            + ": unexpected authMethod: UNACCEPTED(255)"); // no method we offered suits it
            HttpResponse ok = client(plain.url(), HttpSettings.defaults()
                    .withProxy(anonymous.withCredentials("load", "s3cret"))).session().get("/hello");
            assertThat(ok.text()).isEqualTo("hello");
            assertThat(socks.connects).containsExactly("127.0.0.1:" + plain.port());
        }
    }

    @Test
    void proxyUrlsParseLikeTheEnvironmentVariables() {
        assertThat(Proxy.parse("http://u:p%40ss@proxy.local:3128")).isEqualTo(
                new Proxy(Proxy.Kind.HTTP, "proxy.local", 3128, Optional.of("u"), Optional.of("p@ss")));
        assertThat(Proxy.parse("proxy.local")).isEqualTo(Proxy.http("proxy.local", 80));
        assertThat(Proxy.parse("socks5://127.0.0.1")).isEqualTo(Proxy.socks5("127.0.0.1", 1080));
        assertThatThrownBy(() -> Proxy.parse("ftp://x:1")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("use http://host:port or socks5://host:port");
        assertThatThrownBy(() -> client(plain.url(), HttpSettings.defaults().withTrustEnv(true),
                Map.of("HTTP_PROXY", "ftp://x"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("HTTP_PROXY: ");
    }
}
