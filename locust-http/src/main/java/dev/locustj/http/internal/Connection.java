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
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import io.netty.util.NetUtil;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One keep-alive connection (a Netty channel) to one origin. */
final class Connection {

    final Origin origin;
    private final Channel channel;
    private final ResponseHandler handler;
    private boolean used;

    private Connection(Origin origin, Channel channel, ResponseHandler handler) {
        this.origin = origin;
        this.channel = channel;
        this.handler = handler;
    }

    /** Opens a connection, blocking the calling (virtual) thread; DNS is resolved on that thread too. */
    static Connection open(Origin origin, HttpSettings settings) throws InterruptedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(origin.host());
        } catch (UnknownHostException e) {
            throw Errors.translate(e, origin);
        }
        NettyTransport transport = NettyTransport.get();
        ResponseHandler handler = new ResponseHandler(origin);
        SslContext ssl = origin.tls() ? TlsContexts.forSettings(settings) : null;
        long connectMillis = settings.connectTimeout().toMillis();
        Bootstrap b = new Bootstrap()
                .group(transport.group())
                .channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            SslHandler sh = ssl.newHandler(ch.alloc(), origin.host(), origin.port()); // SNI
                            sh.setHandshakeTimeoutMillis(connectMillis);
                            forceSni(sh, origin.host());
                            p.addLast("tls", sh);
                        }
                        p.addLast("codec", new HttpClientCodec());
                        p.addLast("inflate", new HttpContentDecompressor(0));
                        p.addLast("locust", handler);
                    }
                });
        ChannelFuture f = b.connect(new InetSocketAddress(address, origin.port()));
        await(f);
        if (!f.isSuccess()) {
            throw Errors.translate(f.cause(), origin);
        }
        Channel ch = f.channel();
        SslHandler sh = ch.pipeline().get(SslHandler.class);
        if (sh != null) {
            CompletableFuture<Void> hs = new CompletableFuture<>();
            sh.handshakeFuture().addListener(x -> hs.complete(null));
            waitFor(hs, ch);
            if (!sh.handshakeFuture().isSuccess()) {
                ch.close();
                throw Errors.translate(sh.handshakeFuture().cause(), origin);
            }
        }
        return new Connection(origin, ch, handler);
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

    private static void await(ChannelFuture f) throws InterruptedException {
        if (f.isDone()) {
            return;
        }
        CompletableFuture<Void> cf = new CompletableFuture<>();
        f.addListener(x -> cf.complete(null));
        waitFor(cf, f.channel());
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
        channel.eventLoop().execute(() -> handler.start(channel, request, upload, exchange, timeoutMillis));
        return exchange;
    }

    /** Whether this connection served a request before. */
    boolean reused() {
        return used;
    }

    /** Whether it can take another request. */
    boolean isActive() {
        return channel.isActive();
    }

    /** Closes the channel. */
    void close() {
        channel.close();
    }

    /** A ConnectionError with the right wording for a connection that died before sending. */
    static ConnectionError closed() {
        return new ConnectionError(Errors.CLOSED_WITHOUT_RESPONSE);
    }
}
