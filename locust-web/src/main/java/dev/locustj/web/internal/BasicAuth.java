package dev.locustj.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an {@code Authorization} header of the Basic scheme (RFC 7617): the scheme name in any case, then the
 * base64 of {@code user:password}. Anything else (another scheme, no token, bad base64, no colon) is no
 * credentials, which the web UI answers with 401.
 */
final class BasicAuth {

    /** A user name and password as sent. */
    record Credentials(String user, String password) {
    }

    private BasicAuth() {
    }

    /** The credentials of {@code header}; empty when it is missing or is not a well-formed Basic header. */
    static Optional<Credentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(text.substring(0, colon), text.substring(colon + 1)));
    }
}
