package dev.locustj.web.internal;

import dev.locustj.core.ConfigurationException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTPS from PEM files as Locust takes them ({@code --tls-cert}, {@code --tls-key}, CLI-20): a Jetty SSL connector
 * built from an in-memory key store, with no extra plugin.
 */
public final class PemTls {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] PASSWORD = "locustj".toCharArray();

    private PemTls() {
    }

    /** A key store holding the key and certificate chain under the alias "locust". */
    public static KeyStore keyStore(Path certFile, Path keyFile) {
        try {
            Collection<? extends Certificate> chain;
            try (var in = Files.newInputStream(certFile)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (chain.isEmpty()) {
                throw new ConfigurationException("--tls-cert " + certFile + " holds no PEM certificate");
            }
            PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("locust", key, PASSWORD, chain.toArray(new Certificate[0]));
            return ks;
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the TLS files: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("invalid TLS certificate or key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der, file);
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException(
                        "--tls-key " + file + " is encrypted; give an unencrypted PEM key");
                case "EC PRIVATE KEY" -> throw new ConfigurationException("--tls-key " + file
                        + " is a SEC1 EC key; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8");
                default -> {
                    // certificates or parameters in the same file: go on
                }
            }
        }
        throw new ConfigurationException("--tls-key " + file + " holds no PEM private key");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ConfigurationException("--tls-key " + file + ": unsupported private key algorithm");
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algId);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
    }

    /** A Jetty HTTPS connector on host:port serving the key store. */
    public static Connector connector(Server server, HttpConfiguration httpConfig, KeyStore ks, String host,
                                      int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(ks);
        ssl.setKeyStorePassword(new String(PASSWORD));
        HttpConfiguration https = new HttpConfiguration(httpConfig);
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        https.addCustomizer(src);
        ServerConnector c = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

}
