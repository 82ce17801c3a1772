package dev.locustj.http.internal;

import dev.locustj.core.LocustException;
import dev.locustj.http.ConnectionError;
import dev.locustj.http.HttpSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import dev.locustj.http.HttpSettings.Proxy;
import dev.locustj.http.TimeoutError;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One keep-alive connection (a Netty channel) to one origin.
 *
 * <p>A direct plain-http connection is opened without blocking: the connect is started on the event loop and the
 * first request is written there as soon as it succeeds (or its exchange fails with the connect error), so the
 * user's thread parks once per new connection, in {@link Exchange#await()}, instead of twice. Through a proxy or
 * with TLS the calling thread waits for the tunnel and the handshake, whose failures get their own wording.
 */
final class Connection {

    final Origin origin;
    private final EventLoop loop;
    private final ResponseHandler handler;
    private final String proxyAuthorization;
    /** Null until a non-blocking connect has created the channel on the event loop. */
    private volatile Channel channel;
    /** The non-blocking connect (written and read on the event loop only); null when open() waited for it. */
    private ChannelFuture connecting;
    private volatile boolean closed;
    private boolean used;

    private Connection(Origin origin, EventLoop loop, Channel channel, ResponseHandler handler,
                       String proxyAuthorization) {
        this.origin = origin;
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.proxyAuthorization = proxyAuthorization;
    }

    /**
     * Opens a connection; DNS is resolved on the calling thread. A direct plain-http connection returns at once
     * (see the class comment); otherwise this blocks the calling (virtual) thread until it is usable. With a proxy:
     * plain http through an HTTP proxy is a plain connection to the proxy, whose requests carry the absolute URL
     * ({@link #absoluteForm()}); https, and anything through SOCKS5, is a tunnel opened by Netty's proxy handler
     * (CONNECT, or SOCKS5's connect command; the proxy resolves the target's name) before TLS starts.
     */
    static Connection open(Origin origin, HttpSettings settings, Proxy proxy) throws InterruptedException {
        boolean absolute = proxy != null && proxy.kind() == Proxy.Kind.HTTP && !origin.tls();
        boolean tunnel = proxy != null && !absolute;
        String proxyName = proxy == null ? null : proxy.host() + ":" + proxy.port();
        InetAddress address;
        try {
            address = InetAddress.getByName(proxy != null ? proxy.host() : origin.host());
        } catch (UnknownHostException e) {
            throw proxy != null ? new ConnectionError("Cannot connect to proxy " + proxyName
                    + ": failed to resolve '" + proxy.host() + "'", e) : Errors.translate(e, origin);
        }
        NettyTransport transport = NettyTransport.get();
        ResponseHandler handler = new ResponseHandler(origin);
        SslContext ssl = origin.tls() ? TlsContexts.forSettings(settings) : null;
        long connectMillis = settings.connectTimeout().toMillis();
        EventLoop loop = transport.group().next();
        // kept here, not looked up in the pipeline later: a failed proxy or TLS handshake closes the channel, and a
        // closed channel's pipeline is emptied before this thread may look
        ProxyHandler proxyHandler = tunnel ? proxyHandler(proxy, new InetSocketAddress(address, proxy.port())) : null;
        AtomicReference<SslHandler> tlsHandler = new AtomicReference<>();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (proxyHandler != null) {
                            proxyHandler.setConnectTimeoutMillis(connectMillis);
                            p.addLast("proxy", proxyHandler);
                        }
                        if (ssl != null) {
                            SslHandler sh = ssl.newHandler(ch.alloc(), origin.host(), origin.port()); // SNI
                            sh.setHandshakeTimeoutMillis(connectMillis);
                            forceSni(sh, origin.host());
                            tlsHandler.set(sh);
                            p.addLast("tls", sh);
                        }
                        p.addLast(ResponseHandler.CODEC, new HttpClientCodec());
                        // no decompressor until a response is compressed: ResponseHandler adds it then
                        p.addLast("locust", handler);
                    }
                });
        if (proxy == null && ssl == null) {
            Connection c = new Connection(origin, loop, null, handler, null);
            SocketAddress target = new InetSocketAddress(address, origin.port());
            loop.execute(() -> c.connectOnLoop(b, target));
            return c;
        }
        ChannelFuture f;
        if (tunnel) {
            // the proxy handler connects to the proxy; the target's name is resolved by the proxy
            b.resolver(NoopAddressResolverGroup.INSTANCE);
            f = connectOn(loop, b, InetSocketAddress.createUnresolved(origin.host(), origin.port()));
        } else {
            f = connectOn(loop, b, new InetSocketAddress(address, absolute ? proxy.port() : origin.port()));
        }
        if (!f.isSuccess()) {
            throw proxy != null ? proxyFailure(f.cause(), proxyName, origin) : Errors.translate(f.cause(), origin);
        }
        Channel ch = f.channel();
        ProxyHandler ph = proxyHandler;
        if (ph != null) {
            CompletableFuture<Void> connected = new CompletableFuture<>();
            ph.connectFuture().addListener(x -> connected.complete(null));
            waitFor(connected, ch);
            if (!ph.connectFuture().isSuccess()) {
                ch.close();
                throw proxyFailure(ph.connectFuture().cause(), proxyName, origin);
            }
        }
        SslHandler sh = tlsHandler.get();
        if (sh != null) {
            CompletableFuture<Void> hs = new CompletableFuture<>();
            sh.handshakeFuture().addListener(x -> hs.complete(null));
            waitFor(hs, ch);
            if (!sh.handshakeFuture().isSuccess()) {
                ch.close();
                throw Errors.translate(sh.handshakeFuture().cause(), origin);
            }
        }
        String proxyAuth = absolute && proxy.user().isPresent()
                ? DefaultHttpRequest.basic(proxy.user().get() + ":" + proxy.password().orElse("")) : null;
        return new Connection(origin, loop, ch, handler, absolute ? (proxyAuth == null ? "" : proxyAuth) : null);
    }

    /** Starts the non-blocking connect; on the event loop, where Netty's per-thread caches are warm. */
    private void connectOnLoop(Bootstrap b, SocketAddress target) {
        ChannelFuture f = b.connect(target);
        connecting = f;
        channel = f.channel();
        if (closed) {
            f.channel().close();
        }
    }

    /** Writes the request once the connect is done, or fails the exchange with the connect error. On the loop. */
    private void startOnLoop(HttpRequest request, Object upload, Exchange exchange, long timeoutMillis) {
        ChannelFuture f = connecting;
        if (f == null || f.isSuccess()) {
            handler.start(channel, request, upload, exchange, timeoutMillis);
        } else if (f.isDone()) {
            handler.refuse(request, upload, exchange, Errors.translate(f.cause(), origin));
        } else {
            f.addListener(x -> startOnLoop(request, upload, exchange, timeoutMillis));
        }
    }

    private static ProxyHandler proxyHandler(Proxy proxy, InetSocketAddress address) {
        String user = proxy.user().orElse(null);
        String password = proxy.password().orElse("");
        return switch (proxy.kind()) {
            case HTTP -> user == null ? new HttpProxyHandler(address) : new HttpProxyHandler(address, user, password);
            case SOCKS5 -> new Socks5ProxyHandler(address, user, user == null ? null : password);
        };
    }

    /** A short error naming the proxy: refused connection, or the proxy's answer (e.g. its 407). */
    private static LocustException proxyFailure(Throwable t, String proxyName, Origin origin) {
        if (t instanceof HttpProxyHandler.HttpProxyConnectException e) {
            String m = String.valueOf(e.getMessage());
            int i = m.indexOf("status: ");
            String status = i >= 0 ? m.substring(i + 8) : m;
            return new ConnectionError("Proxy " + proxyName + " refused CONNECT to " + origin + ": " + status, t);
        }
        if (t instanceof ProxyConnectException e) {
            if (e.getMessage() != null && e.getMessage().contains("timeout")) {
                return new TimeoutError("Proxy " + proxyName + " timed out connecting to " + origin);
            }
            String m = String.valueOf(e.getMessage());
            int i = m.indexOf("=> ");
            String detail = i >= 0 ? m.substring(m.indexOf(',', i) < 0 ? i : m.indexOf(',', i) + 1).trim() : m;
            return new ConnectionError("Proxy " + proxyName + " failed to connect to " + origin + ": " + detail, t);
        }
        LocustException direct = Errors.translate(t, origin);
        if (direct instanceof TimeoutError) {
            return new TimeoutError("Connect to proxy " + proxyName + " timed out");
        }
        String m = direct.getMessage();
        if (t instanceof java.net.ConnectException || m.startsWith("Connection refused")) {
            return new ConnectionError("Cannot connect to proxy " + proxyName + ": "
                    + (m.startsWith("Connection refused") ? "Connection refused" : m), t);
        }
        return direct;
    }

    /**
     * For plain http through an HTTP proxy: the Proxy-Authorization header value, empty when there are no
     * credentials; null for a direct connection or a tunnel (where requests use the origin form).
     */
    String absoluteForm() {
        return proxyAuthorization;
    }

    /** The JDK leaves out SNI for names without a dot ("localhost", "web"): send it for every host name. */
    private static void forceSni(SslHandler sh, String host) {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return;
        }
        try {
            SSLParameters p = sh.engine().getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            sh.engine().setSSLParameters(p);
        } catch (IllegalArgumentException e) {
            // not a valid SNI name: leave the JDK's choice
        }
    }

    /**
     * Connects from the channel's own event loop and waits until the connect is done. On the event loop, Netty's
     * per-thread caches (handler masks, its thread-local map) are warm; from a user's virtual thread they would be
     * built anew for every connection, with reflection (issue 4: CPU and garbage per connect).
     */
    private static ChannelFuture connectOn(EventLoop loop, Bootstrap b, SocketAddress address)
            throws InterruptedException {
        CompletableFuture<ChannelFuture> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                ChannelFuture f = b.connect(address);
                f.addListener(x -> done.complete(f));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            done.thenAccept(f -> f.channel().close());
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LocustException("unexpected: " + e.getCause(), e.getCause());
        }
    }

    private static void waitFor(CompletableFuture<?> cf, Channel ch) throws InterruptedException {
        try {
            cf.get();
        } catch (InterruptedException e) {
            ch.close();
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LocustException("unexpected: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Sends a request (and, when not null, its streamed body: a ChunkedInput) and returns its exchange, completed
     * on the event loop.
     */
    Exchange send(HttpRequest request, Object upload, Exchange exchange, long timeoutMillis) {
        used = true;
        loop.execute(() -> startOnLoop(request, upload, exchange, timeoutMillis));
        return exchange;
    }

    /** Whether this connection served a request before. */
    boolean reused() {
        return used;
    }

    /** Whether it can take another request. */
    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Closes the channel (also one whose non-blocking connect has not started yet). */
    void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** A ConnectionError with the right wording for a connection that died before sending. */
    static ConnectionError closed() {
        return new ConnectionError(Errors.CLOSED_WITHOUT_RESPONSE);
    }
}
