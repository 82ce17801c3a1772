package dev.locustj.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** A small Netty HTTP server on 127.0.0.1 with the routes the session tests need. */
final class TestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chunks of the chunked routes (only read). */
    private static final byte[] ZEROS = new byte[65536];

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final boolean tls;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicReference<String> lastSni = new java.util.concurrent.atomic.AtomicReference<>();

    TestServer() throws InterruptedException {
        this(null);
    }

    TestServer(SslContext ssl) throws InterruptedException {
        this.tls = ssl != null;
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        open.incrementAndGet();
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        if (ssl != null) {
                            io.netty.handler.ssl.SslHandler sh = ssl.newHandler(ch.alloc());
                            sh.handshakeFuture().addListener(f -> {
                                if (f.isSuccess() && sh.engine().getSession()
                                        instanceof javax.net.ssl.ExtendedSSLSession x) {
                                    x.getRequestedServerNames().forEach(n -> lastSni.set(
                                            ((javax.net.ssl.SNIHostName) n).getAsciiName()));
                                }
                            });
                            ch.pipeline().addLast(sh);
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 << 20),
                                new Handler());
                    }
                });
        server = b.bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            requests.incrementAndGet();
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            String[] parts = path.split("/");
            switch (parts.length > 1 ? parts[1] : "") {
                case "echo" -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("method", req.method().name());
                    o.put("uri", req.uri());
                    ObjectNode h = o.putObject("headers");
                    req.headers().forEach(e -> h.put(e.getKey().toLowerCase(), e.getValue()));
                    ObjectNode qs = o.putObject("query");
                    q.parameters().forEach((k, v) -> qs.put(k, v.get(0)));
                    o.put("body", req.content().toString(StandardCharsets.UTF_8));
                    send(ctx, req, HttpResponseStatus.OK, "application/json", JSON.writeValueAsBytes(o), Map.of());
                }
                case "login" -> send(ctx, req, HttpResponseStatus.OK, "text/plain", bytes("welcome"),
                        Map.of("Set-Cookie", "session=" + q.parameters().getOrDefault("user", java.util.List.of("x"))
                                .get(0) + "; Path=/"));
                case "cookies" -> send(ctx, req, HttpResponseStatus.OK, "text/plain",
                        bytes(String.valueOf(req.headers().get(HttpHeaderNames.COOKIE))), Map.of());
                case "redirect" -> {
                    int n = Integer.parseInt(parts[2]);
                    if (n == 0) {
                        send(ctx, req, HttpResponseStatus.OK, "text/plain", bytes("landed " + req.method()), Map.of());
                    } else {
                        int code = q.parameters().containsKey("code")
                                ? Integer.parseInt(q.parameters().get("code").get(0)) : 302;
                        String suffix = q.parameters().containsKey("code") ? "?code=" + code : "";
                        send(ctx, req, HttpResponseStatus.valueOf(code), "text/plain", bytes(""),
                                Map.of("Location", "/redirect/" + (n - 1) + suffix));
                    }
                }
                case "gzip" -> sendCompressed(ctx, req, "hello gzip ".repeat(100), "gzip");
                case "deflate" -> sendCompressed(ctx, req, "hello deflate ".repeat(100), "deflate");
                case "status" -> send(ctx, req, HttpResponseStatus.valueOf(Integer.parseInt(parts[2])), "text/plain",
                        bytes("status " + parts[2]), Map.of());
                case "never" -> { } // never answers
                case "close" -> ctx.close();
                case "close-mid" -> {
                    DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 100);
                    ctx.write(r);
                    ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                            Unpooled.wrappedBuffer(bytes("0123456789")))).addListener(ChannelFutureListener.CLOSE);
                }
                case "big" -> send(ctx, req, HttpResponseStatus.OK, "application/octet-stream",
                        new byte[Integer.parseInt(parts[2])], Map.of());
                case "endless" -> sendChunked(ctx, -1);
                case "chunked" -> sendChunked(ctx, Long.parseLong(parts[2]));
                case "gzip-zeros" -> sendCompressed(ctx, req, new byte[Integer.parseInt(parts[2])], "gzip");
                case "upload" -> send(ctx, req, HttpResponseStatus.OK, "text/plain",
                        bytes(String.valueOf(req.content().readableBytes())), Map.of());
                case "no-length" -> {
                    DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    r.headers().set(HttpHeaderNames.CONNECTION, "close");
                    ctx.write(r);
                    ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(
                            Unpooled.wrappedBuffer(bytes("until the end"))));
                    ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT)
                            .addListener(ChannelFutureListener.CLOSE);
                }
                case "close-after" -> {
                    send(ctx, req, HttpResponseStatus.OK, "text/plain", bytes("then idle close"), Map.of());
                    ctx.executor().schedule(() -> ctx.close(), Long.parseLong(parts[2]), TimeUnit.MILLISECONDS);
                }
                case "conn-close" -> send(ctx, req, HttpResponseStatus.OK, "text/plain", bytes("bye"),
                        Map.of("Connection", "close"));
                case "slow" -> {
                    FullHttpRequest retained = req.retain();
                    ctx.executor().schedule(() -> {
                        try {
                            send(ctx, retained, HttpResponseStatus.OK, "text/plain", bytes("slow"), Map.of());
                        } finally {
                            retained.release();
                        }
                    }, Long.parseLong(parts[2]), TimeUnit.MILLISECONDS);
                }
                default -> send(ctx, req, HttpResponseStatus.OK, "text/plain", bytes("hello"), Map.of());
            }
        }
    }

    /**
     * A chunked body of {@code total} zero bytes without Content-Length, or an endless one for -1; each 64 KB chunk
     * is written when the previous one is flushed, until the body ends or the client closes the connection.
     */
    private static void sendChunked(ChannelHandlerContext ctx, long total) {
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        ctx.write(r);
        writeChunks(ctx, total);
    }

    private static void writeChunks(ChannelHandlerContext ctx, long left) {
        if (left == 0) {
            ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        int n = left < 0 ? ZEROS.length : (int) Math.min(ZEROS.length, left);
        ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(Unpooled.wrappedBuffer(ZEROS, 0, n)))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        writeChunks(ctx, left < 0 ? -1 : left - n);
                    }
                });
    }

    /** A text body compressed with the given Content-Encoding (gzip or deflate). */
    private static void sendCompressed(ChannelHandlerContext ctx, FullHttpRequest req, String text, String encoding)
            throws java.io.IOException {
        sendCompressed(ctx, req, bytes(text), encoding);
    }

    private static void sendCompressed(ChannelHandlerContext ctx, FullHttpRequest req, byte[] body, String encoding)
            throws java.io.IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (java.io.OutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(bo)
                : new DeflaterOutputStream(bo)) {
            z.write(body);
        }
        send(ctx, req, HttpResponseStatus.OK, "text/plain", bo.toByteArray(), Map.of("Content-Encoding", encoding));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String type,
                     byte[] body, Map<String, String> headers) {
        boolean head = req.method().name().equals("HEAD");
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> r.headers().set(k, v));
        boolean keepAlive = HttpUtil.isKeepAlive(req) && !"close".equals(headers.get("Connection"));
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
