package dev.locustj.http.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.http.HttpSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Client TLS contexts, built once per (insecure, client certificate) and shared by every session. */
final class TlsContexts {

    private record Key(boolean insecure, Optional<HttpSettings.ClientCertificate> certificate) {
    }

    private static final Map<Key, SslContext> CACHE = new ConcurrentHashMap<>();

    private TlsContexts() {
    }

    static SslContext forSettings(HttpSettings settings) {
        return CACHE.computeIfAbsent(new Key(settings.insecure(), settings.clientCertificate()), TlsContexts::build);
    }

    private static SslContext build(Key key) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (key.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            if (key.certificate().isPresent()) {
                HttpSettings.ClientCertificate c = key.certificate().get();
                if (c.key().isPresent()) {
                    b.keyManager(c.file().toFile(), c.key().get().toFile(),
                            c.password().isEmpty() ? null : c.password());
                } else {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    try (InputStream in = Files.newInputStream(c.file())) {
                        ks.load(in, c.password().toCharArray());
                    }
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(ks, c.password().toCharArray());
                    b.keyManager(kmf);
                }
            }
            return b.build();
        } catch (Exception e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage());
        }
    }
}
