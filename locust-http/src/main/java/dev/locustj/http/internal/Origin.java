package dev.locustj.http.internal;

/**
 * Scheme, host and port: what a connection is for. A map key on every request, so its hash, Host header and URL
 * prefix are computed once.
 */
final class Origin {

    private final boolean tls;
    private final String host;
    private final int port;
    private final int hash;
    private final String hostHeader;
    private final String prefix;

    Origin(boolean tls, String host, int port) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.hash = (host.hashCode() * 31 + port) * 2 + (tls ? 1 : 0);
        boolean defaultPort = tls ? port == 443 : port == 80;
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        this.hostHeader = defaultPort ? h : h + ":" + port;
        this.prefix = (tls ? "https://" : "http://") + hostHeader;
    }

    boolean tls() {
        return tls;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The Host header value (the port only when it is not the default). */
    String hostHeader() {
        return hostHeader;
    }

    /** {@code http://host:port} / {@code https://host:port}. */
    String prefix() {
        return prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Origin other && other.hash == hash && other.port == port
                && other.tls == tls && other.host.equals(host);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
