package dev.locustj.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forward proxy on 127.0.0.1 for the proxy tests: {@code CONNECT host:port} tunnels (relays bytes) and
 * absolute-form requests ({@code GET http://host:port/path}) are forwarded on a new connection. It only ever
 * connects to 127.0.0.1. With credentials set, anything without the right {@code Proxy-Authorization} gets 407.
 */
final class TestProxy implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final String requiredAuthorization;
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger clientConnections = new AtomicInteger();
    final List<String> requestTargets = new CopyOnWriteArrayList<>();

    TestProxy() throws InterruptedException {
        this(null, null);
    }

    TestProxy(String user, String password) throws InterruptedException {
        this.requiredAuthorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clientConnections.incrementAndGet();
                        ch.pipeline().addLast("codec", new HttpServerCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(16 << 20));
                        ch.pipeline().addLast("proxy", new Front());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            requestTargets.add(req.method() + " " + req.uri());
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION))) {
                refused.incrementAndGet();
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, Unpooled.EMPTY_BUFFER);
                r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"test\"");
                r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (req.method().equals(HttpMethod.CONNECT)) {
                connect(ctx, req.uri());
            } else if (req.uri().startsWith("http://")) {
                forward(ctx, req);
            } else {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                        Unpooled.EMPTY_BUFFER);
                r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void connect(ChannelHandlerContext ctx, String hostPort) {
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            Channel front = ctx.channel();
            front.config().setAutoRead(false);
            new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .handler(new Relay(front))
                    .connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            front.close();
                            return;
                        }
                        connects.incrementAndGet();
                        ctx.pipeline().remove("aggregate");
                        ctx.pipeline().remove("codec");
                        ctx.pipeline().addLast("relay", new Relay(f.channel()));
                        ctx.pipeline().remove(this);
                        front.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 Connection established\r\n\r\n",
                                StandardCharsets.US_ASCII));
                        front.config().setAutoRead(true);
                    });
        }

        private void forward(ChannelHandlerContext ctx, FullHttpRequest req) {
            URI uri = URI.create(req.uri());
            FullHttpRequest out = req.retainedDuplicate();
            out.setUri(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            out.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION);
            out.headers().set(HttpHeaderNames.CONNECTION, "close");
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            Channel front = ctx.channel();
            new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext c, FullHttpResponse r) {
                                            forwarded.incrementAndGet();
                                            FullHttpResponse back = r.retainedDuplicate();
                                            back.headers().remove(HttpHeaderNames.CONNECTION);
                                            var done = front.writeAndFlush(back);
                                            if (!keepAlive) {
                                                done.addListener(ChannelFutureListener.CLOSE);
                                            }
                                            c.close();
                                        }
                                    });
                        }
                    })
                    .connect("127.0.0.1", uri.getPort()).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            f.channel().writeAndFlush(out);
                        } else {
                            out.release();
                            front.close();
                        }
                    });
        }
    }

    /** Copies bytes to the other side; closes it when this side closes. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            other.writeAndFlush(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
