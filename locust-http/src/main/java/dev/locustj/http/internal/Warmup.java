package dev.locustj.http.internal;

import dev.locustj.core.Environment;
import dev.locustj.http.HttpSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

/**
 * Warms the client once per process, before the first session is handed out: a throwaway session sends a GET and a
 * gzip'd POST to a target on a loopback port of the shared event loops, so the classes of a whole exchange (the
 * connect, the codec, the decompressor, the session's request and response) are loaded and initialized before the
 * first recorded request, which would otherwise carry that cost (hundreds of milliseconds). Other threads asking
 * meanwhile wait for it. Failures (no loopback port) are logged at DEBUG and only leave the client cold; the system
 * property {@code locustj.http.warmup=false} turns it off.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Boolean> DONE = new CompletableFuture<>();

    private Warmup() {
    }

    /** Warms the client, or waits for the warm-up under way; returns at once when it is done. */
    static void once() {
        if (DONE.isDone()) {
            return;
        }
        if (!STARTED.compareAndSet(false, true)) {
            await();
            return;
        }
        boolean warmed = false;
        try {
            warmed = !"false".equals(System.getProperty("locustj.http.warmup")) && run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // Netty may throw checked exceptions (a bind error) without declaring them
            LOG.debug("HTTP client warm-up failed: {}", e.toString());
        } finally {
            DONE.complete(warmed);
        }
    }

    /** Whether the warm-up ran to the end (tests); false while it runs, when off, or after it failed. */
    static boolean warmed() {
        return DONE.getNow(false);
    }

    private static void await() {
        try {
            DONE.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller sees the flag in its next blocking call
        } catch (ExecutionException e) {
            // never completed exceptionally
        }
    }

    private static boolean run() throws Exception {
        NettyTransport transport = NettyTransport.get();
        byte[] gzipped = gzip("{\"warm\":true}");
        Channel server = new ServerBootstrap().group(transport.group()).channel(transport.serverChannelClass())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Target(gzipped));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        try {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            HttpSettings settings = HttpSettings.defaults().withConnectTimeout(TIMEOUT).withTimeout(TIMEOUT);
            try (DefaultHttpSession session = DefaultHttpSession.unwarmed(Environment.builder().build(),
                    "http://127.0.0.1:" + port, settings, Map::of, Map.of())) {
                boolean ok = session.get("/").ok();
                ok &= session.post("/", "{}", opt -> opt.header("Content-Type", "application/json")).ok();
                if (!ok) {
                    LOG.debug("HTTP client warm-up: the loopback target did not answer");
                }
                return ok;
            }
        } finally {
            server.close().sync();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The loopback target: "ok" with a Content-Length to a GET, a chunked gzip'd JSON body to anything else. */
    private static final class Target extends SimpleChannelInboundHandler<HttpObject> {
        private final byte[] gzipped;
        private boolean get;

        Target(byte[] gzipped) {
            this.gzipped = gzipped;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                get = r.method().name().equals("GET");
            }
            if (!(msg instanceof LastHttpContent)) {
                return;
            }
            if (get) {
                ByteBuf ok = Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII);
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, ok);
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, ok.readableBytes());
                ctx.writeAndFlush(res);
                return;
            }
            DefaultHttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP)
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                    .set(HttpHeaderNames.SET_COOKIE, "warm=1; Path=/");
            ctx.write(res);
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(gzipped)));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }
}
