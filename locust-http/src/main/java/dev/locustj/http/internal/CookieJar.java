package dev.locustj.http.internal;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A session's cookies (RFC 6265 matching on domain, path, secure and expiry; simplified). */
final class CookieJar {

    private record Stored(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                          long expiresAtMillis) {
        boolean matches(Target t, long now) {
            if (expiresAtMillis != Long.MAX_VALUE && expiresAtMillis <= now) {
                return false;
            }
            if (secure && !t.origin().tls()) {
                return false;
            }
            String host = t.origin().host().toLowerCase(Locale.ROOT);
            boolean domainOk = hostOnly ? host.equals(domain) : host.equals(domain) || host.endsWith("." + domain);
            if (!domainOk) {
                return false;
            }
            String p = t.path();
            return p.equals(path) || p.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    private final List<Stored> cookies = new ArrayList<>();
    private volatile boolean empty = true;

    /** Stores the Set-Cookie headers of a response to {@code t}. */
    synchronized void store(Target t, List<String> setCookies) {
        String host = t.origin().host().toLowerCase(Locale.ROOT);
        long now = System.currentTimeMillis();
        for (String header : setCookies) {
            Cookie c = ClientCookieDecoder.LAX.decode(header);
            if (c == null) {
                continue;
            }
            String domain = c.domain() == null ? host : c.domain().toLowerCase(Locale.ROOT);
            if (domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            if (!host.equals(domain) && !host.endsWith("." + domain)) {
                continue; // a cookie for another domain: rejected
            }
            String path = c.path() == null || !c.path().startsWith("/") ? defaultPath(t.path()) : c.path();
            long expires = c.maxAge() == Cookie.UNDEFINED_MAX_AGE ? Long.MAX_VALUE : now + c.maxAge() * 1000L;
            put(new Stored(c.name(), c.value(), domain, c.domain() == null, path, c.isSecure(), expires), now);
        }
    }

    private void put(Stored s, long now) {
        Iterator<Stored> it = cookies.iterator();
        while (it.hasNext()) {
            Stored o = it.next();
            if (o.name.equals(s.name) && o.domain.equals(s.domain) && o.path.equals(s.path)) {
                it.remove();
            }
        }
        if (s.expiresAtMillis > now) {
            cookies.add(s);
        }
        empty = cookies.isEmpty();
    }

    private static String defaultPath(String requestPath) {
        int slash = requestPath.lastIndexOf('/');
        return slash <= 0 ? "/" : requestPath.substring(0, slash);
    }

    /** The Cookie header value for a request to {@code t}, or null when no cookie matches. */
    String header(Target t) {
        if (empty) {
            return null;
        }
        synchronized (this) {
            long now = System.currentTimeMillis();
            StringBuilder sb = null;
            for (Stored s : cookies) {
                if (s.matches(t, now)) {
                    if (sb == null) {
                        sb = new StringBuilder();
                    } else {
                        sb.append("; ");
                    }
                    sb.append(s.name).append('=').append(s.value);
                }
            }
            return sb == null ? null : sb.toString();
        }
    }

    /** Sets a cookie for a host, every path. */
    synchronized void set(String host, String name, String value) {
        put(new Stored(name, value, host.toLowerCase(Locale.ROOT), false, "/", false, Long.MAX_VALUE),
                System.currentTimeMillis());
    }

    /** The live cookies by name. */
    synchronized Map<String, String> snapshot() {
        long now = System.currentTimeMillis();
        Map<String, String> m = new LinkedHashMap<>();
        for (Stored s : cookies) {
            if (s.expiresAtMillis > now) {
                m.put(s.name, s.value);
            }
        }
        return Map.copyOf(m);
    }

    synchronized void clear() {
        cookies.clear();
        empty = true;
    }
}
