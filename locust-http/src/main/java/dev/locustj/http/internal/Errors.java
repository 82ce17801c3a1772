package dev.locustj.http.internal;

import dev.locustj.core.LocustException;
import dev.locustj.http.ConnectionError;
import dev.locustj.http.TimeoutError;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/** Turns transport exceptions into short, stable error texts (they key the stats' failures table). */
final class Errors {

    static final String CLOSED_WITHOUT_RESPONSE = "Remote end closed connection without response";
    static final String CLOSED_MID_RESPONSE = "Connection closed before the response was complete";

    private Errors() {
    }

    /** A kept response body over HttpSettings.maxBodySize; the text names the limit only (it keys the stats). */
    static ConnectionError bodyTooLarge(long limit) {
        return new ConnectionError("Response body over the " + size(limit) + " limit (HttpSettings.maxBodySize): "
                + "use stream() for a body the task does not read");
    }

    /** "64 MB", "512 KB" or "1000 bytes". */
    static String size(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }

    static LocustException translate(Throwable t, Origin origin) {
        if (t instanceof LocustException le) {
            return le;
        }
        Throwable ssl = find(t, SSLException.class);
        if (ssl != null) {
            return new ConnectionError("SSL error: " + innermostMessage(ssl), t);
        }
        if (t instanceof ConnectTimeoutException) {
            return new TimeoutError("Connect timed out: " + origin);
        }
        if (t instanceof ConnectException) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("refused")) {
                return new ConnectionError("Connection refused: " + origin, t);
            }
            return new ConnectionError("Failed to connect to " + origin + ": " + cut(m), t);
        }
        if (t instanceof UnknownHostException) {
            return new ConnectionError("Failed to resolve '" + origin.host() + "'", t);
        }
        if (t instanceof PrematureChannelClosureException) {
            return new ConnectionError(CLOSED_MID_RESPONSE, t);
        }
        if (t instanceof ClosedChannelException) {
            return new ConnectionError(CLOSED_WITHOUT_RESPONSE, t);
        }
        String m = innermostMessage(t);
        if (m.contains("reset by peer") || m.contains("Connection reset")) {
            return new ConnectionError("Connection reset by peer", t);
        }
        if (m.contains("Broken pipe")) {
            return new ConnectionError("Broken pipe", t);
        }
        return new ConnectionError(t.getClass().getSimpleName() + ": " + m, t);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String innermostMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : cut(m);
    }

    private static String cut(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
