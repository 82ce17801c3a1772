package dev.locustj.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tiny shop over HTTP, for demos and tests; it only ever binds 127.0.0.1.
 *
 * <pre>
 * GET  /               an HTML page            GET  /cart          the cart (401 without the session cookie)
 * GET  /hello          plain text              POST /cart          add {"id": n, "qty": n} (JSON), 201
 * GET  /items          100 items as JSON       GET  /slow          answers after 200 ms (the loop is not blocked)
 * GET  /item/{id}      one item, 404 if absent GET  /status/{code} answers with that status
 * POST /login          sets the cookie "session" (form or JSON body with a "username")
 * </pre>
 *
 * <p>Run it with {@code java ... dev.locustj.examples.demo.DemoTarget [port]} (default 8080), or from code with
 * {@link #start(int)} (port 0 picks a free one) and {@link #close()}.
 */
public final class DemoTarget implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 100;

    private final EventLoopGroup group;
    private final Channel channel;
    private final LongAdder requests = new LongAdder();
    private final Map<String, List<JsonNode>> carts = new ConcurrentHashMap<>();

    private DemoTarget(int port, int threads) throws InterruptedException {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ChannelHandler handler = new Shop();
        try {
            this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), handler);
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts the shop on 127.0.0.1:{@code port} (0: any free port). */
    public static DemoTarget start(int port) {
        try {
            return new DemoTarget(port, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the demo target", e);
        }
    }

    /** Runs the shop until the process is stopped: {@code DemoTarget [port]}. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) { // INFO, before the first logger exists
            System.setProperty("logback.configurationFile", "dev/locustj/examples/demo/logback-demo.xml");
        }
        int port = 8080;
        if (args.length > 0) {
            try {
                port = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                System.err.println("usage: DemoTarget [port]   (port must be a number, got '" + args[0] + "')");
                System.exit(2);
            }
        }
        DemoTarget target;
        try {
            target = start(port);
        } catch (RuntimeException e) {
            System.err.println("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Demo shop listening on " + target.url());
        target.channel.closeFuture().sync();
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** How many requests it has answered (or is answering). */
    public long requestCount() {
        return requests.sum();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private final class Shop extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            requests.increment();
            String path = new QueryStringDecoder(req.uri()).path();
            HttpMethod m = req.method();
            boolean get = m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD);
            if (path.equals("/") && get) {
                send(ctx, req, HttpResponseStatus.OK, "text/html; charset=utf-8",
                        "<html><body><h1>Demo shop</h1><a href=\"/items\">items</a></body></html>", null);
            } else if (path.equals("/hello") && get) {
                send(ctx, req, HttpResponseStatus.OK, "text/plain; charset=utf-8", "Hello, World!", null);
            } else if (path.equals("/items") && get) {
                ArrayNode a = JSON.createArrayNode();
                for (int i = 1; i <= ITEMS; i++) {
                    a.add(item(i));
                }
                json(ctx, req, HttpResponseStatus.OK, a, null);
            } else if (path.startsWith("/item/") && get) {
                int id = parseInt(path.substring(6));
                if (id >= 1 && id <= ITEMS) {
                    json(ctx, req, HttpResponseStatus.OK, item(id), null);
                } else {
                    json(ctx, req, HttpResponseStatus.NOT_FOUND, error("no such item"), null);
                }
            } else if (path.equals("/login") && m.equals(HttpMethod.POST)) {
                String session = UUID.randomUUID().toString();
                carts.put(session, new CopyOnWriteArrayList<>());
                json(ctx, req, HttpResponseStatus.OK, JSON.createObjectNode().put("ok", true),
                        "session=" + session + "; Path=/; HttpOnly");
            } else if (path.equals("/cart")) {
                cart(ctx, req);
            } else if (path.equals("/slow") && get) {
                FullHttpRequest held = req.retain();
                ctx.executor().schedule(() -> {
                    try {
                        send(ctx, held, HttpResponseStatus.OK, "text/plain; charset=utf-8", "slow", null);
                    } finally {
                        held.release();
                    }
                }, 200, TimeUnit.MILLISECONDS);
            } else if (path.startsWith("/status/")) {
                int code = parseInt(path.substring(8));
                if (code < 100 || code > 599) {
                    json(ctx, req, HttpResponseStatus.BAD_REQUEST, error("status must be 100..599"), null);
                } else {
                    send(ctx, req, HttpResponseStatus.valueOf(code), "text/plain; charset=utf-8",
                            "status " + code, null);
                }
            } else {
                json(ctx, req, HttpResponseStatus.NOT_FOUND, error("not found"), null);
            }
        }

        private void cart(ChannelHandlerContext ctx, FullHttpRequest req) {
            List<JsonNode> cart = session(req);
            if (cart == null) {
                json(ctx, req, HttpResponseStatus.UNAUTHORIZED, error("log in first (POST /login)"), null);
                return;
            }
            if (req.method().equals(HttpMethod.POST)) {
                JsonNode body;
                try {
                    body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    body = null;
                }
                if (body == null || !body.isObject() || !body.has("id")) {
                    json(ctx, req, HttpResponseStatus.BAD_REQUEST, error("expected JSON like {\"id\": 1}"), null);
                    return;
                }
                cart.add(body);
                json(ctx, req, HttpResponseStatus.CREATED,
                        JSON.createObjectNode().put("ok", true).put("count", cart.size()), null);
            } else {
                ObjectNode o = JSON.createObjectNode();
                o.putArray("items").addAll(cart);
                json(ctx, req, HttpResponseStatus.OK, o, null);
            }
        }

        private List<JsonNode> session(FullHttpRequest req) {
            String header = req.headers().get(HttpHeaderNames.COOKIE);
            if (header == null) {
                return null;
            }
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals("session")) {
                    return carts.get(c.value());
                }
            }
            return null;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static ObjectNode item(int id) {
        return JSON.createObjectNode().put("id", id).put("name", "item " + id).put("price", 100 + id % 17);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void json(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                             JsonNode body, String setCookie) {
        send(ctx, req, status, "application/json", body.toString(), setCookie);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String type,
                             String body, String setCookie) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = req.method().equals(HttpMethod.HEAD);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (setCookie != null) {
            r.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive && req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
