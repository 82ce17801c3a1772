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
 * no extra default headers.
 *
 * @param connectTimeout    how long opening a connection (TCP and TLS handshake) may take
 * @param timeout           how long a response may take, from sending the request to its last byte, per redirect hop
 * @param maxRedirects      how many redirects are followed before the request fails
 * @param insecure          when true, TLS certificates and host names are not verified
 * @param clientCertificate the certificate presented to servers that ask for one
 * @param defaultHeaders    headers sent with every request (a request's own headers win)
 */
public record HttpSettings(Duration connectTimeout, Duration timeout, int maxRedirects, boolean insecure,
                           Optional<ClientCertificate> clientCertificate, Map<String, String> defaultHeaders) {

    private static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(60), Duration.ofSeconds(60), 30,
            false, Optional.empty(), Map.of());

    /** Checks the values. */
    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("HTTP timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new ConfigurationException("maxRedirects must be >= 0, got " + maxRedirects);
        }
        defaultHeaders = Map.copyOf(defaultHeaders);
    }

    /** The default settings. */
    public static HttpSettings defaults() {
        return DEFAULTS;
    }

    /** With another connect timeout. */
    public HttpSettings withConnectTimeout(Duration value) {
        return new HttpSettings(value, timeout, maxRedirects, insecure, clientCertificate, defaultHeaders);
    }

    /** With another response timeout. */
    public HttpSettings withTimeout(Duration value) {
        return new HttpSettings(connectTimeout, value, maxRedirects, insecure, clientCertificate, defaultHeaders);
    }

    /** With another redirect limit (0: redirects are returned, not followed). */
    public HttpSettings withMaxRedirects(int value) {
        return new HttpSettings(connectTimeout, timeout, value, insecure, clientCertificate, defaultHeaders);
    }

    /** Whether TLS certificates are not verified (FastHttpUser's {@code insecure}). */
    public HttpSettings withInsecure(boolean value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, value, clientCertificate, defaultHeaders);
    }

    /** With a client certificate. */
    public HttpSettings withClientCertificate(ClientCertificate value) {
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, Optional.of(value), defaultHeaders);
    }

    /** With one more default header. */
    public HttpSettings withDefaultHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(defaultHeaders);
        h.put(name, value);
        return new HttpSettings(connectTimeout, timeout, maxRedirects, insecure, clientCertificate, h);
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
