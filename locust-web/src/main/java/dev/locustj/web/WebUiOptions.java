package dev.locustj.web;

import dev.locustj.core.ConfigurationException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The options of the web UI (CLI-11..24), as a value. Build one with {@link #builder()}; every field has Locust's
 * default.
 *
 * @param webHost         the interface to bind: "" or "*" for all interfaces (CLI-11)
 * @param webPort         the port, 8089 by default; 0 picks a free one (CLI-13)
 * @param webAuth         HTTP basic credentials "user:pass" required on every route (CLI-18)
 * @param webLogin        show a login page instead of the browser's basic-auth prompt (CLI-19); needs webAuth
 * @param tlsCert         a PEM certificate (chain) file; with tlsKey the UI is served over HTTPS (CLI-20)
 * @param tlsKey          the PEM private key file (PKCS#8 "PRIVATE KEY", or PKCS#1 "RSA PRIVATE KEY")
 * @param webBasePath     a path prefix such as "/locust" ("" for none); must start with "/" (CLI-24)
 * @param classPicker     let the start form choose user classes (CLI-21)
 * @param hostDisplayName a name shown in the startup log line instead of the bind address (CLI-12)
 * @param users           the start form's default user count ({@code -u}), also used by {@code --autostart}
 * @param spawnRate       the start form's default spawn rate ({@code -r})
 * @param runTime         the start form's default run time ({@code -t}, Locust's timespan text such as "1h30m")
 * @param locustfile      the locustfile (jar or class) name, for titles and download names
 */
public record WebUiOptions(String webHost, int webPort, Optional<String> webAuth, boolean webLogin,
                           Optional<Path> tlsCert, Optional<Path> tlsKey, String webBasePath, boolean classPicker,
                           Optional<String> hostDisplayName, OptionalInt users, OptionalDouble spawnRate,
                           Optional<String> runTime, String locustfile) {

    /** Locust's default port. */
    public static final int DEFAULT_PORT = 8089;

    /** Checks the values; throws {@link ConfigurationException} with a message for a person. */
    public WebUiOptions {
        webHost = webHost == null ? "" : webHost.strip();
        webBasePath = webBasePath == null ? "" : webBasePath.strip();
        locustfile = locustfile == null ? "locustfile" : locustfile;
        if (webPort < 0 || webPort > 65535) {
            throw new ConfigurationException("--web-port must be between 0 and 65535, got " + webPort);
        }
        if (webAuth.isPresent() && webAuth.get().indexOf(':') < 1) {
            throw new ConfigurationException("Invalid format for --web-auth: expected username:password");
        }
        if (webLogin && webAuth.isEmpty()) {
            throw new ConfigurationException("--web-login needs credentials: give --web-auth username:password");
        }
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new ConfigurationException("--tls-cert and --tls-key must be given together");
        }
        if (!webBasePath.isEmpty()) {
            if (!webBasePath.startsWith("/")) {
                throw new ConfigurationException("--web-base-path must start with '/', got " + webBasePath);
            }
            while (webBasePath.endsWith("/")) {
                webBasePath = webBasePath.substring(0, webBasePath.length() - 1);
            }
        }
    }

    /** A builder with Locust's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: all interfaces, port 8089, no auth, no TLS. */
    public static WebUiOptions defaults() {
        return builder().build();
    }

    /** Whether HTTPS is on. */
    public boolean tls() {
        return tlsCert.isPresent();
    }

    /** Builds {@link WebUiOptions}. */
    public static final class Builder {
        private String webHost = "";
        private int webPort = DEFAULT_PORT;
        private Optional<String> webAuth = Optional.empty();
        private boolean webLogin;
        private Optional<Path> tlsCert = Optional.empty();
        private Optional<Path> tlsKey = Optional.empty();
        private String webBasePath = "";
        private boolean classPicker;
        private Optional<String> hostDisplayName = Optional.empty();
        private OptionalInt users = OptionalInt.empty();
        private OptionalDouble spawnRate = OptionalDouble.empty();
        private Optional<String> runTime = Optional.empty();
        private String locustfile = "locustfile";

        private Builder() {
        }

        /** The interface to bind ("" or "*": all). */
        public Builder webHost(String v) { this.webHost = v; return this; }

        /** The port (0: any free port). */
        public Builder webPort(int v) { this.webPort = v; return this; }

        /** Basic-auth credentials "user:pass". */
        public Builder webAuth(String userColonPass) { this.webAuth = Optional.of(userColonPass); return this; }

        /** A login page instead of the basic-auth prompt. */
        public Builder webLogin(boolean v) { this.webLogin = v; return this; }

        /** HTTPS from a PEM certificate and key. */
        public Builder tls(Path cert, Path key) {
            this.tlsCert = Optional.of(cert);
            this.tlsKey = Optional.of(key);
            return this;
        }

        /** A path prefix ("/locust"). */
        public Builder webBasePath(String v) { this.webBasePath = v; return this; }

        /** The class picker in the start form. */
        public Builder classPicker(boolean v) { this.classPicker = v; return this; }

        /** The host name shown in the startup log line. */
        public Builder hostDisplayName(String v) { this.hostDisplayName = Optional.of(v); return this; }

        /** The form's default user count. */
        public Builder users(int v) { this.users = OptionalInt.of(v); return this; }

        /** The form's default spawn rate. */
        public Builder spawnRate(double v) { this.spawnRate = OptionalDouble.of(v); return this; }

        /** The form's default run time (timespan text). */
        public Builder runTime(String v) { this.runTime = Optional.of(v); return this; }

        /** The locustfile name for titles. */
        public Builder locustfile(String v) { this.locustfile = v; return this; }

        /** Builds and checks the options. */
        public WebUiOptions build() {
            return new WebUiOptions(webHost, webPort, webAuth, webLogin, tlsCert, tlsKey, webBasePath, classPicker,
                    hostDisplayName, users, spawnRate, runTime, locustfile);
        }
    }
}
