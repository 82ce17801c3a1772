package dev.locustj.http.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.http.HttpSettings;
import dev.locustj.http.HttpSettings.Proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy a session uses for an origin: the explicit one of {@link HttpSettings#proxy()}, else (with
 * {@link HttpSettings#trustEnv()}) {@code HTTP_PROXY} / {@code HTTPS_PROXY} / {@code ALL_PROXY}, lower case first as
 * python requests reads them, and {@code NO_PROXY} exempting hosts ({@code *}, a host, a domain suffix with or
 * without a leading dot, optionally {@code :port}). Decided once per session from the variables at its creation.
 */
public final class ProxySelection {

    private final Proxy explicit;
    private final Proxy forHttp;
    private final Proxy forHttps;
    private final List<String> noProxy;
    private final boolean noProxyAll;

    private ProxySelection(Proxy explicit, Proxy forHttp, Proxy forHttps, List<String> noProxy, boolean all) {
        this.explicit = explicit;
        this.forHttp = forHttp;
        this.forHttps = forHttps;
        this.noProxy = noProxy;
        this.noProxyAll = all;
    }

    /**
     * The selection for a session's settings and an environment (normally {@code System.getenv()}).
     *
     * @throws ConfigurationException when a proxy variable in use is not a proxy URL
     */
    public static ProxySelection of(HttpSettings settings, Map<String, String> env) {
        Proxy explicit = settings.proxy().orElse(null);
        if (!settings.trustEnv()) {
            return new ProxySelection(explicit, null, null, List.of(), false);
        }
        Proxy all = variable(env, "all_proxy");
        Proxy http = variable(env, "http_proxy");
        Proxy https = variable(env, "https_proxy");
        List<String> no = new ArrayList<>();
        boolean noAll = false;
        String spec = get(env, "no_proxy");
        if (spec != null) {
            for (String part : spec.split("[,\\s]+")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.equals("*")) {
                    noAll = true;
                } else if (!p.isEmpty()) {
                    no.add(p.startsWith(".") ? p.substring(1) : p);
                }
            }
        }
        return new ProxySelection(explicit, http != null ? http : all, https != null ? https : all, List.copyOf(no),
                noAll);
    }

    private static String get(Map<String, String> env, String lower) {
        String v = env.get(lower);
        if (v == null || v.isBlank()) {
            v = env.get(lower.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Proxy variable(Map<String, String> env, String lower) {
        String v = get(env, lower);
        if (v == null) {
            return null;
        }
        try {
            return parse(v);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(lower.toUpperCase(Locale.ROOT) + ": " + e.getMessage());
        }
    }

    /** The proxy for an origin, or null to connect directly. */
    Proxy forOrigin(Origin origin) {
        Proxy p = explicit != null ? explicit : origin.tls() ? forHttps : forHttp;
        if (p == null || exempt(origin)) {
            return null;
        }
        return p;
    }

    private boolean exempt(Origin origin) {
        if (noProxyAll) {
            return true;
        }
        String host = origin.host().toLowerCase(Locale.ROOT);
        String hostPort = host + ":" + origin.port();
        for (String n : noProxy) {
            String h = n.indexOf(':') >= 0 && n.indexOf(':') == n.lastIndexOf(':') ? hostPort : host;
            if (h.equals(n) || h.endsWith("." + n)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a proxy URL (see {@link Proxy#parse(String)}). */
    public static Proxy parse(String url) {
        String s = url == null ? "" : url.trim();
        if (s.isEmpty()) {
            throw new ConfigurationException("the proxy URL is empty");
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("invalid proxy URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Kind kind = switch (scheme) {
            case "http" -> Proxy.Kind.HTTP;
            case "socks5", "socks5h" -> Proxy.Kind.SOCKS5;
            default -> throw new ConfigurationException("invalid proxy URL '" + url
                    + "': use http://host:port or socks5://host:port");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ConfigurationException("invalid proxy URL '" + url + "': no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : kind == Proxy.Kind.HTTP ? 80 : 1080;
        Proxy p = new Proxy(kind, host, port, Optional.empty(), Optional.empty());
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            String user = colon < 0 ? info : info.substring(0, colon);
            String password = colon < 0 ? "" : info.substring(colon + 1);
            p = p.withCredentials(URLDecoder.decode(user, StandardCharsets.UTF_8),
                    URLDecoder.decode(password, StandardCharsets.UTF_8));
        }
        return p;
    }
}
