package dev.locustj.http;

import dev.locustj.core.ConfigurationException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of an {@link HttpSession}. Immutable; change it with the {@code with...} methods:
 *
 * <pre>{@code
 * @Override protected HttpSettings httpSettings() {
 *     return HttpSettings.defaults().withTimeout(Duration.ofSeconds(5)).withInsecure(true);
 * }
 * }</pre>
 *
 * <p>Defaults: connect timeout 60 s and response timeout 60 s (FastHttpUser's {@code connection_timeout} and
 * {@code network_timeout}), at most 30 redirects, certificates verified (HttpUser's default; Locust's FastHttpUser
 * defaults to {@code insecure=True} instead: set {@link #withInsecure(boolean)} for that), no client certificate,
 * no extra default headers, no proxy, the proxy environment variables ignored, and response bodies kept up to
 * 64 MB.
 *
 * <p><b>Response bodies.</b> A response's body is kept in memory (for {@link HttpResponse#text()} and the like) up
 * to {@link #maxBodySize()} bytes, counted after decompression. A longer body fails its request, with status 0 and
 * a {@link ConnectionError} naming the limit, and its connection is closed: an endless or huge body (or a small
 * gzip bomb) never fills the heap. A body the task does not need is best requested with
 * {@link HttpRequest#stream()}: it is then counted and dropped as it arrives, whatever its size, and never fails
 * for it. Bodies of {@code HEAD} requests are never kept.
 *
 * <p><b>Proxies.</b> {@link #withProxy(Proxy)} sends every request through an HTTP or SOCKS5 proxy. Plain
 * {@code http://} URLs go to an HTTP proxy as ordinary requests with the absolute URL as request target (what
 * proxies expect, and what python requests does; many proxies refuse {@code CONNECT} to port 80), so a proxy's own
 * {@code 407} is then an ordinary response with status 407. {@code https://} URLs are tunnelled with
 * {@code CONNECT} (Netty's {@code HttpProxyHandler}) and TLS runs end to end through the tunnel; a proxy refusing
 * the tunnel (e.g. {@code 407} without credentials) fails the request with status 0 and an error naming the proxy
 * and its status. A SOCKS5 proxy tunnels both. {@link #withTrustEnv(boolean)} reads the standard variables
 * {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and {@code NO_PROXY} (either case) when the session is
 * created; it is off by default, as in Locust, whose {@code HttpSession} sets requests' {@code trust_env} to false.
 *
 * @param connectTimeout    how long opening a connection (TCP and TLS handshake) may take
 * @param timeout           how long a response may take, from sending the request to its last byte, per redirect hop
 * @param maxRedirects      how many redirects are followed before the request fails
 * @param insecure          when true, TLS certificates and host names are not verified
 * @param clientCertificate the certificate presented to servers that ask for one
 * @param defaultHeaders    headers sent with every request (a request's own headers win)
 * @param proxy             the proxy every request goes through (unless {@code NO_PROXY} exempts its host)
 * @param trustEnv          when true, the proxy environment variables apply (an explicit proxy still wins)
 * @param maxBodySize       the longest response body kept, in bytes after decompression; a longer one fails the
 *                          request (not for {@link HttpRequest#stream()}, whose bodies are not kept)
 */
public record HttpSettings(Duration connectTimeout, Duration timeout, int maxRedirects, boolean insecure,
                           Optional<ClientCertificate> clientCertificate, Map<String, String> defaultHeaders,
                           Optional<Proxy> proxy, boolean trustEnv, long maxBodySize) {

    /** The default {@link #maxBodySize()}: 64 MB. */
    public static final long DEFAULT_MAX_BODY_SIZE = 64L << 20;

    /** The largest {@link #maxBodySize()}: a body is kept in one Java array. */
    private static final long MAX_BODY_SIZE_LIMIT = Integer.MAX_VALUE - 16;

    private static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(60), Duration.ofSeconds(60), 30,
            false, Optional.empty(), Map.of(), Optional.empty(), false, DEFAULT_MAX_BODY_SIZE);

    /** Checks the values. */
    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(proxy, "proxy");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("HTTP timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new ConfigurationException("maxRedirects must be >= 0, got " + maxRedirects);
        }
        if (maxBodySize < 1 || maxBodySize > MAX_BODY_SIZE_LIMIT) {
            throw new ConfigurationException("maxBodySize must be between 1 and " + MAX_BODY_SIZE_LIMIT
                    + " bytes, got " + maxBodySize);
        }
        defaultHeaders = Map.copyOf(defaultHeaders);
    }

    /** The default settings. */
    public static HttpSettings defaults() {
        return DEFAULTS;
    }

    /** With another connect timeout. */
    public HttpSettings withConnectTimeout(Duration value) {
        return new HttpSettings(value, timeout, maxRedirects, insecure, clientCertificate, defaultHeaders,
                proxy, trustEnv, maxBodySize);
    }

    /** With another response timeout. */
    public HttpSettings withTimeout(Duration value) {
        return new HttpSettings(connectTimeout, value, maxRedirects, insecure, clientCertificate, defaultHeaders,
                proxy, trustEnv, maxBodySize);
    }

    /** With another redirect limit (0: redirects are returned, not followed). */
    public HttpSettings withMaxRedirects(int value) {
        return new HttpSettings(connectTimeout, timeout, value, insecure, clientCertificate, defaultHeaders,
                proxy, trustEnv, maxBodySize);
    }

    /** Whether TLS certificates are not verified (FastHttpUser's {@code insecure}). */
    public HttpSettings withInsecure(boolean value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, value, clientCertificate, defaultHeaders,
                proxy, trustEnv, maxBodySize);
    }

    /** With a client certificate. */
    public HttpSettings withClientCertificate(ClientCertificate value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, Optional.of(value), defaultHeaders,
                proxy, trustEnv, maxBodySize);
    }

    /** With one more default header. */
    public HttpSettings withDefaultHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(defaultHeaders);
        h.put(name, value);
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, clientCertificate, h, proxy, trustEnv,
                maxBodySize);
    }

    /** With a proxy for every request (see the class comment). */
    public HttpSettings withProxy(Proxy value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, clientCertificate, defaultHeaders,
                Optional.of(value), trustEnv, maxBodySize);
    }

    /**
     * Whether the proxy environment variables {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and
     * {@code NO_PROXY} are used (Locust's and requests' {@code trust_env}; off by default, as in Locust).
     */
    public HttpSettings withTrustEnv(boolean value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, clientCertificate, defaultHeaders,
                proxy, value, maxBodySize);
    }

    /**
     * With another limit on a kept response body, in bytes (after decompression); see the class comment. Between 1
     * and 2 GB minus 16 bytes (the largest Java array).
     */
    public HttpSettings withMaxBodySize(long bytes) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, clientCertificate, defaultHeaders,
                proxy, trustEnv, bytes);
    }

    /**
     * A proxy: {@code Proxy.http("127.0.0.1", 3128).withCredentials("user", "secret")}, or
     * {@code Proxy.parse("socks5://proxy:1080")}.
     *
     * @param kind     HTTP (absolute-form requests for http, CONNECT for https) or SOCKS5
     * @param host     the proxy's host
     * @param port     the proxy's port
     * @param user     the user for the proxy's basic (HTTP) or username/password (SOCKS5) authentication
     * @param password its password
     */
    public record Proxy(Kind kind, String host, int port, Optional<String> user, Optional<String> password) {

        /** The proxy protocols. */
        public enum Kind {
            /** An HTTP proxy. */
            HTTP,
            /** A SOCKS5 proxy. */
            SOCKS5
        }

        /** Checks the values. */
        public Proxy {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("the proxy host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("invalid proxy port " + port);
            }
        }

        /** An HTTP proxy without credentials. */
        public static Proxy http(String host, int port) {
            return new Proxy(Kind.HTTP, host, port, Optional.empty(), Optional.empty());
        }

        /** A SOCKS5 proxy without credentials. */
        public static Proxy socks5(String host, int port) {
            return new Proxy(Kind.SOCKS5, host, port, Optional.empty(), Optional.empty());
        }

        /** This proxy with credentials. */
        public Proxy withCredentials(String userName, String userPassword) {
            return new Proxy(kind, host, port, Optional.of(userName), Optional.of(userPassword));
        }

        /**
         * Parses {@code [http://|socks5://][user:password@]host[:port]}, as in {@code HTTP_PROXY}; the default port
         * is 80 for http, 1080 for socks5.
         *
         * @throws ConfigurationException when it is not such a URL
         */
        public static Proxy parse(String url) {
            return dev.locustj.http.internal.ProxySelection.parse(url);
        }
    }

    /**
     * A TLS client certificate: a PKCS#12 key store, or a PEM certificate chain with its PEM (PKCS#8) private key.
     *
     * @param file     the PKCS#12 file, or the PEM certificate chain
     * @param key      the PEM private key, empty for PKCS#12
     * @param password the key store or key password, empty for none
     */
    public record ClientCertificate(Path file, Optional<Path> key, String password) {

        /** Checks that nothing is null. */
        public ClientCertificate {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(password, "password");
        }

        /** A PKCS#12 key store holding the key and its certificate chain. */
        public static ClientCertificate pkcs12(Path file, String password) {
            return new ClientCertificate(file, Optional.empty(), password);
        }

        /** A PEM certificate chain and an unencrypted PEM private key. */
        public static ClientCertificate pem(Path certificateChain, Path privateKey) {
            return new ClientCertificate(certificateChain, Optional.of(privateKey), "");
        }
    }
}
