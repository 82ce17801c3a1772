package dev.locustj.http.internal;

import dev.locustj.http.ConnectionError;
import dev.locustj.http.TimeoutError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/** The last handler of a connection's pipeline: feeds the current exchange. Runs on the event loop only. */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private final Origin origin;
    private Exchange current;

    ResponseHandler(Origin origin) {
        this.origin = origin;
    }

    /** Starts an exchange: on the event loop, right before the request is written. */
    void start(Channel channel, HttpRequest request, Object upload, Exchange exchange, long timeoutMillis) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(request);
            closeQuietly(upload);
            exchange.fail(new ConnectionError(Errors.CLOSED_WITHOUT_RESPONSE));
            return;
        }
        current = exchange;
        exchange.timer = channel.eventLoop().schedule(() -> timeout(channel, exchange, timeoutMillis),
                timeoutMillis, TimeUnit.MILLISECONDS);
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

    private static void closeQuietly(Object upload) {
        if (upload instanceof ChunkedInput<?> in) {
            try {
                in.close();
            } catch (Exception e) {
                // nothing more to do
            }
        }
    }

    private void timeout(Channel channel, Exchange exchange, long timeoutMillis) {
        if (current == exchange) {
            current = null;
            exchange.timer = null;
            exchange.fail(new TimeoutError("Read timed out (timeout=" + timeoutMillis + " ms): " + origin));
            channel.close();
        }
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
