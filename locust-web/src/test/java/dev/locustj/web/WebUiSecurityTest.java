package dev.locustj.web;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --web-auth (CLI-18), --web-login (CLI-19), --tls-cert/--tls-key (CLI-20), --web-base-path (CLI-24). */
class WebUiSecurityTest {

    private final List<WebUi> uis = new ArrayList<>();
    private final List<Environment> envs = new ArrayList<>();

    private WebUi start(WebUiOptions.Builder options) {
        Environment real = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                .build();
        Environment env = new TestSupport.StatsEnv(real, new TestSupport.FixedStats(TestSupport.sampleSnapshot()));
        env.createLocalRunner();
        envs.add(env);
        WebUi ui = WebUi.start(env, options.webHost("127.0.0.1").webPort(0).build());
        uis.add(ui);
        return ui;
    }

    @AfterEach
    void stopAll() {
        uis.forEach(WebUi::stop);
        envs.forEach(e -> e.runner().ifPresent(Runner::quit));
    }

    @Test
    void withoutAuthEveryRouteIsOpen() throws Exception {
        WebUi ui = start(WebUiOptions.builder());
        assertThat(new TestSupport.Http(ui.url()).get("/stats/requests").statusCode()).isEqualTo(200);
    }

    @Test
    void webAuthProtectsEveryRouteApiAndStatic() throws Exception {
        WebUi ui = start(WebUiOptions.builder().webAuth("admin:s3cret"));
        TestSupport.Http anonymous = new TestSupport.Http(ui.url());
        TestSupport.Http wrong = new TestSupport.Http(ui.url()).auth("admin:nope");
        TestSupport.Http right = new TestSupport.Http(ui.url()).auth("admin:s3cret");
        for (String path : List.of("/", "/stats/requests", "/static/app.js", "/static/uplot.iife.min.js",
                "/stats/requests/csv", "/exceptions", "/tasks", "/logs", "/stop", "/stats/report",
                "/worker-count", "/does-not-exist")) {
            HttpResponse<String> a = anonymous.get(path);
            assertThat(a.statusCode()).as(path).isEqualTo(401);
            assertThat(a.headers().firstValue("WWW-Authenticate")).as(path).contains("Basic realm=\"Locust\"");
            assertThat(wrong.get(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(anonymous.postForm("/swarm", "user_count=1&spawn_rate=1").statusCode()).isEqualTo(401);
        assertThat(envs.get(0).runner().orElseThrow().userCount()).isZero();
        for (String path : List.of("/", "/stats/requests", "/static/app.js", "/tasks")) {
            assertThat(right.get(path).statusCode()).as(path).isEqualTo(200);
        }
        // custom routes are behind the same check
        envs.get(0).extension(WebRoutes.class).orElseThrow().get("/mine", (req, res) -> res.text("mine"));
        assertThat(anonymous.get("/mine").statusCode()).isEqualTo(401);
        assertThat(right.get("/mine").body()).isEqualTo("mine");
    }

    @Test
    void webLoginUsesAFormAndASessionCookie() throws Exception {
        WebUi ui = start(WebUiOptions.builder().webAuth("admin:pw").webLogin(true));
        TestSupport.Http anonymous = new TestSupport.Http(ui.url());
        HttpResponse<String> index = anonymous.get("/");
        assertThat(index.statusCode()).isEqualTo(302);
        assertThat(index.headers().firstValue("location")).contains("/login");
        HttpResponse<String> page = anonymous.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"username\"").contains("name=\"password\"");
        assertThat(anonymous.get("/stats/requests").statusCode()).isEqualTo(401);

        HttpResponse<String> bad = anonymous.postForm("/login", "username=admin&password=wrong");
        assertThat(bad.headers().firstValue("location")).contains("/login?error=1");
        HttpResponse<String> ok = anonymous.postForm("/login", "username=admin&password=pw");
        assertThat(ok.statusCode()).isEqualTo(302);
        String cookie = ok.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("locustj_session=").contains("HttpOnly");
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> withCookie = anonymous.client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(ui.url() + "stats/requests")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withCookie.statusCode()).isEqualTo(200);
        // scripts may still use basic auth
        assertThat(new TestSupport.Http(ui.url()).auth("admin:pw").get("/stats/requests").statusCode())
                .isEqualTo(200);
    }

    @Test
    void basePathPrefixesEveryRoute() throws Exception {
        WebUi ui = start(WebUiOptions.builder().webBasePath("/locust/"));
        assertThat(ui.url()).endsWith("/locust/");
        TestSupport.Http http = new TestSupport.Http(ui.url());
        HttpResponse<String> index = http.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("/locust/static/app.js").contains("\"base_path\":\"/locust\"");
        assertThat(http.get("/stats/requests").statusCode()).isEqualTo(200);
        assertThat(new TestSupport.Http("http://127.0.0.1:" + ui.port()).get("/stats/requests").statusCode())
                .isEqualTo(404);
    }

    @Test
    void badOptionsAreOneLineConfigurationErrors() throws Exception {
        assertThatThrownBy(() -> WebUiOptions.builder().webAuth("nocolon").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("username:password");
        assertThatThrownBy(() -> WebUiOptions.builder().webBasePath("locust").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> WebUiOptions.builder().webLogin(true).build())
                .isInstanceOf(ConfigurationException.class);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                    .build();
            env.createLocalRunner();
            envs.add(env);
            assertThatThrownBy(() -> WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1")
                    .webPort(taken.getLocalPort()).build()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot start the web interface");
        }
    }

    @Test
    void tlsServesHttpsFromPemFiles(@TempDir Path dir) throws Exception {
        Path[] pem = selfSignedPem(dir);
        WebUi ui = start(WebUiOptions.builder().tls(pem[0], pem[1]).webAuth("u:p"));
        assertThat(ui.url()).startsWith("https://127.0.0.1:");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve("ks.p12").toFile())) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        TestSupport.Http https = new TestSupport.Http(client, ui.url()).auth("u:p");
        HttpResponse<String> r = https.get("/stats/requests");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"stats\"");
        assertThat(new TestSupport.Http(client, ui.url()).get("/").statusCode()).isEqualTo(401);

        // plain HTTP on the same port is not served
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> new TestSupport.Http(defaultTrust, ui.url()).get("/"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void badTlsFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "not a cert");
        Path key = Files.writeString(dir.resolve("k.pem"), "not a key");
        assertThatThrownBy(() -> start(WebUiOptions.builder().tls(cert, key)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TLS");
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, exported to PEM files. */
    static Path[] selfSignedPem(Path dir) throws Exception {
        Path ks = dir.resolve("ks.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "web", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
                "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        Key key = store.getKey("web", "changeit".toCharArray());
        Certificate cert = store.getCertificate("web");
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Path certPem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path keyPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {certPem, keyPem};
    }
}
