package dev.locustj.http.internal;

import dev.locustj.core.LocustException;
import dev.locustj.http.ConnectionError;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * One request/response on one connection. Filled on the event loop, read by the user's thread after
 * {@link #await()} returns (the volatile completion state gives the happens-before edge). The wait is a plain park
 * of the user's virtual thread: no future, no waiter node, a shallow stack to freeze (this runs once per request).
 */
final class Exchange {

    static final byte[] EMPTY = new byte[0];
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(Exchange.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through DONE
    private volatile boolean done;
    /** The thread that created the exchange and will wait for it (always set: no null check on the hot path). */
    private final Thread waiter = Thread.currentThread();
    private final boolean requestKeepAlive;
    /**
     * The longest body kept (HttpSettings.maxBodySize), or -1 when the body is only counted (stream(), HEAD): one
     * int instead of a flag and a limit keeps this object, made once per request, at 64 bytes.
     */
    private final int maxBody;

    int status;
    String reason = "";
    HttpHeaders headers;
    byte[] body = EMPTY;
    int length;
    long bytesRead;
    boolean keepAlive;
    boolean gotHead;
    long headNanos;
    LocustException error;

    /**
     * @param stream           whether the body is only counted (stream(), HEAD), not kept
     * @param requestKeepAlive whether the request allows keeping the connection
     * @param maxBody          the longest body kept; a longer one fails the exchange
     */
    Exchange(boolean stream, boolean requestKeepAlive, int maxBody) {
        this.requestKeepAlive = requestKeepAlive;
        this.maxBody = stream ? -1 : maxBody;
    }

    /**
     * The status line and headers arrived.
     *
     * @throws ConnectionError when the body to keep is declared longer than the limit (the caller fails the
     *                         exchange and closes the connection)
     */
    void head(HttpResponse response) {
        gotHead = true;
        headNanos = System.nanoTime();
        status = response.status().code();
        reason = response.status().reasonPhrase();
        headers = response.headers();
        keepAlive = requestKeepAlive && HttpUtil.isKeepAlive(response);
        if (maxBody >= 0) {
            // With a Content-Encoding, the decompressor has removed Content-Length: this is the body's own length.
            long declared = HttpUtil.getContentLength(response, -1L);
            if (declared > maxBody && status != 204 && status != 304) {
                throw Errors.bodyTooLarge(maxBody);
            }
            if (declared > 0) {
                body = new byte[(int) declared];
            }
        }
    }

    /**
     * A part of the (decompressed) body arrived.
     *
     * @throws ConnectionError when the kept body grows past the limit (the caller fails the exchange and closes the
     *                         connection, so the rest is never read)
     */
    void content(ByteBuf part) {
        int n = part.readableBytes();
        if (n == 0) {
            return;
        }
        bytesRead += n;
        if (maxBody < 0) {
            return;
        }
        if (length + n > body.length) {
            grow(n);
        }
        part.getBytes(part.readerIndex(), body, length, n);
        length += n;
    }

    /** Makes room for {@code n} more bytes (off the hot path: bodies with a Content-Length never get here). */
    private void grow(int n) {
        long need = (long) length + n;
        if (need > maxBody) {
            throw Errors.bodyTooLarge(maxBody);
        }
        body = Arrays.copyOf(body, (int) Math.min(maxBody, Math.max(need, Math.max(256L, body.length * 2L))));
    }

    /** The body as an exact array. */
    byte[] bodyBytes() {
        if (body.length != length) {
            body = length == 0 ? EMPTY : Arrays.copyOf(body, length);
        }
        return body;
    }

    boolean complete() {
        return finish();
    }

    boolean fail(LocustException e) {
        if (done) {
            return false;
        }
        error = e;
        keepAlive = false;
        return finish();
    }

    /** Whether the exchange completed (successfully or not). */
    boolean isDone() {
        return done;
    }

    private boolean finish() {
        if (!DONE.compareAndSet(this, false, true)) {
            return false;
        }
        // Unconditional: if the waiter has not parked yet, the permit makes its next park return at once, and
        // await() re-checks done (every park loop tolerates such a wake-up).
        LockSupport.unpark(waiter);
        return true;
    }

    /** Waits until the exchange completes; called by the thread that created it. */
    void await() throws InterruptedException {
        while (!done) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
