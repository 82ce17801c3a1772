package dev.locustj.http.internal;

/** Scheme, host and port: what a connection is for. */
record Origin(boolean tls, String host, int port) {

    /** The Host header value (the port only when it is not the default). */
    String hostHeader() {
        boolean defaultPort = tls ? port == 443 : port == 80;
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }

    /** {@code http://host:port} / {@code https://host:port}. */
    String prefix() {
        return (tls ? "https://" : "http://") + hostHeader();
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
