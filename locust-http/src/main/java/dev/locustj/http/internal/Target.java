package dev.locustj.http.internal;

import dev.locustj.core.LocustException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A resolved request URL: the origin, the request target (path and query) and basic-auth user info.
 *
 * @param origin   where to connect
 * @param pathAndQuery the request target, e.g. {@code /api/items?page=2}
 * @param userInfo {@code user:password} from the URL, if any
 */
record Target(Origin origin, String pathAndQuery, Optional<String> userInfo) {

    /** The full URL (without user info). */
    String url() {
        return origin.prefix() + pathAndQuery;
    }

    /** The path without the query. */
    String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** Whether {@code s} starts with http:// or https:// (case-insensitive). */
    static boolean isAbsolute(String s) {
        return s.regionMatches(true, 0, "http://", 0, 7) || s.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * Percent-encodes the characters a URL may not contain (space, quotes, non-ASCII...) and leaves everything else,
     * including existing {@code %XX} escapes, as it is (python requests' {@code requote_uri}).
     */
    static String requote(String s) {
        int i = 0;
        while (i < s.length() && allowed(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        byte[] bytes = s.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && allowed(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
    }

    /** Parses an absolute http(s) URL. */
    static Target parse(String url) {
        url = requote(url);
        if (!isAbsolute(url)) {
            throw new LocustException("Invalid URL '" + url + "': only http:// and https:// URLs are supported");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new LocustException("Invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new LocustException("Invalid URL '" + url + "': only http:// and https:// URLs are supported");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new LocustException("Invalid URL '" + url + "': no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean tls = scheme.equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pq = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(new Origin(tls, host, port), pq, Optional.ofNullable(uri.getRawUserInfo()));
    }

    /** Resolves a Location header against this URL. */
    Target resolve(String location) {
        if (isAbsolute(location)) {
            return parse(location);
        }
        if (location.startsWith("//")) {
            return parse((origin.tls() ? "https:" : "http:") + location);
        }
        try {
            return parse(new URI(url()).resolve(new URI(location)).toString());
        } catch (URISyntaxException e) {
            throw new LocustException("Invalid redirect location '" + location + "'");
        }
    }
}
