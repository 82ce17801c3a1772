package dev.locustj.http.internal;

import dev.locustj.core.LocustException;
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
    private final boolean stream;
    private final boolean requestKeepAlive;

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

    Exchange(boolean stream, boolean requestKeepAlive) {
        this.stream = stream;
        this.requestKeepAlive = requestKeepAlive;
    }

    /** The status line and headers arrived. */
    void head(HttpResponse response) {
        gotHead = true;
        headNanos = System.nanoTime();
        status = response.status().code();
        reason = response.status().reasonPhrase();
        headers = response.headers();
        keepAlive = requestKeepAlive && HttpUtil.isKeepAlive(response);
        if (!stream) {
            long declared = HttpUtil.getContentLength(response, -1L);
            // Content-Length is of the encoded body; gzip grows it, so it is only a first guess.
            if (declared > 0 && declared < (1 << 26)) {
                body = new byte[(int) declared];
            }
        }
    }

    /** A part of the (decompressed) body arrived. */
    void content(ByteBuf part) {
        int n = part.readableBytes();
        if (n == 0) {
            return;
        }
        bytesRead += n;
        if (stream) {
            return;
        }
        if (length + n > body.length) {
            long want = Math.max((long) length + n, Math.max(256L, body.length * 2L));
            if (want > Integer.MAX_VALUE - 16) {
                want = (long) length + n;
                if (want > Integer.MAX_VALUE - 16) {
                    throw new LocustException("response body larger than 2 GB: use stream()");
                }
            }
            body = Arrays.copyOf(body, (int) want);
        }
        part.getBytes(part.readerIndex(), body, length, n);
        length += n;
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
