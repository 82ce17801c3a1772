package dev.locustj.http.internal;

import dev.locustj.core.LocustException;
import dev.locustj.http.ConnectionError;
import dev.locustj.http.TimeoutError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a connection's pipeline: feeds the current exchange. Runs on the event loop only.
 *
 * <p>Read timeouts use one lazy timer per connection instead of one scheduled task per request: a request only
 * records its deadline; a timer is scheduled when none is pending or the pending one would fire too late, and when
 * it fires it either times out the exchange whose deadline passed or re-arms itself for the current deadline. On a
 * busy keep-alive connection that is one timer per timeout period instead of a schedule and a cancel (two
 * priority-queue updates on the event loop) per request.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    /** The names of the HTTP codec and of the decompressor in a connection's pipeline. */
    static final String CODEC = "codec";
    static final String INFLATE = "inflate";

    private final Origin origin;
    private Exchange current;
    /** System.nanoTime() by which the current exchange must complete. */
    private long deadline;
    private long timeoutMillis;
    /** The pending timeout check, or null; it fires at {@link #timerAt}. */
    private ScheduledFuture<?> timer;
    private long timerAt;

    ResponseHandler(Origin origin) {
        this.origin = origin;
    }

    /** Starts an exchange: on the event loop, right before the request is written. */
    void start(Channel channel, HttpRequest request, Object upload, Exchange exchange, long timeoutMillis) {
        if (!channel.isActive()) {
            refuse(request, upload, exchange, new ConnectionError(Errors.CLOSED_WITHOUT_RESPONSE));
            return;
        }
        current = exchange;
        this.timeoutMillis = timeoutMillis;
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        deadline = System.nanoTime() + timeoutNanos;
        if (timer == null || timerAt - deadline > 0) {
            if (timer != null) {
                timer.cancel(false);
            }
            arm(channel, timeoutNanos);
        }
        if (upload == null) {
            channel.writeAndFlush(request, channel.voidPromise());
        } else {
            if (channel.pipeline().get(ChunkedWriteHandler.class) == null) {
                channel.pipeline().addBefore("locust", "chunked", new ChunkedWriteHandler());
            }
            channel.write(request, channel.voidPromise());
            channel.writeAndFlush(upload, channel.voidPromise());
        }
    }

    /** Fails an exchange whose request cannot be written (no connection); releases what would have been. */
    void refuse(HttpRequest request, Object upload, Exchange exchange, LocustException error) {
        ReferenceCountUtil.release(request);
        closeQuietly(upload);
        exchange.fail(error);
    }

    private static void closeQuietly(Object upload) {
        if (upload instanceof ChunkedInput<?> in) {
            try {
                in.close();
            } catch (Exception e) {
                // nothing more to do
            }
        }
    }

    private void arm(Channel channel, long delayNanos) {
        timerAt = System.nanoTime() + delayNanos;
        timer = channel.eventLoop().schedule(() -> checkTimeout(channel), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout(Channel channel) {
        timer = null;
        Exchange ex = current;
        if (ex == null) {
            return; // idle connection: the next request arms a new timer
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            arm(channel, left);
            return;
        }
        current = null;
        ex.fail(new TimeoutError("Read timed out (timeout=" + timeoutMillis + " ms): " + origin));
        channel.close();
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            timer = null;
            t.cancel(false);
        }
    }

    /**
     * Adds Netty's decompressor in front of this handler, once per connection, when the first compressed response
     * arrives: the pipeline of a connection that only ever sees plain responses stays two handlers long (less work
     * per response, and a smaller read path for the JIT to compile). Returns false when it is already there.
     */
    private static boolean inflate(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(INFLATE) != null) {
            return false;
        }
        ctx.pipeline().addBefore(ctx.name(), INFLATE, new HttpContentDecompressor(0));
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Exchange ex = current;
            if (ex == null || !(msg instanceof HttpObject obj)) {
                return;
            }
            if (obj.decoderResult().isFailure()) {
                current = null;
                ex.fail(Errors.translate(obj.decoderResult().cause(), origin));
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse r) {
                if (r.headers().contains(HttpHeaderNames.CONTENT_ENCODING) && inflate(ctx)) {
                    ctx.pipeline().context(CODEC).fireChannelRead(msg); // through the decompressor, back here
                    msg = null; // passed on: not released here
                    return;
                }
                ex.head(r);
            }
            if (msg instanceof HttpContent c) {
                ex.content(c.content());
                if (msg instanceof LastHttpContent) {
                    current = null;
                    boolean keep = ex.keepAlive;
                    ex.complete();
                    if (!keep) {
                        ctx.close();
                    }
                }
            }
        } catch (RuntimeException e) {
            Exchange ex = current;
            current = null;
            if (ex != null) {
                ex.fail(Errors.translate(e, origin));
            }
            ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        Exchange ex = current;
        if (ex != null) {
            current = null;
            ex.fail(new ConnectionError(ex.gotHead ? Errors.CLOSED_MID_RESPONSE : Errors.CLOSED_WITHOUT_RESPONSE));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange ex = current;
        if (ex != null) {
            current = null;
            ex.fail(Errors.translate(cause, origin));
        }
        ctx.close();
    }
}
