package dev.locustj.http.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops every session shares: as many as cores (system property {@code locustj.http.eventLoops}), the
 * native epoll transport when it loads, NIO otherwise. Daemon threads, created on first use, never shut down.
 */
public final class NettyTransport {

    /**
     * Loaded up front: the decompressor joins a pipeline only with the first compressed response, and it reaches
     * {@code EmbeddedChannel} lazily, often seconds into a run. A new Channel or handler class loaded after the JIT
     * compiled the pipeline invalidates that code (class-hierarchy dependencies), and the one compiler thread has
     * to compile it again, which on a single core delays the full request rate by about half a second each time.
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] PRELOADED = {EmbeddedChannel.class, HttpContentDecompressor.class};

    private static volatile NettyTransport instance;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final boolean epoll;

    private NettyTransport() {
        int threads = Integer.getInteger("locustj.http.eventLoops", Runtime.getRuntime().availableProcessors());
        DefaultThreadFactory factory = new DefaultThreadFactory("locust-http", true);
        boolean native_ = !Boolean.getBoolean("locustj.http.nio") && Epoll.isAvailable();
        IoHandlerFactory io = native_ ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), factory, io);
        this.channelClass = native_ ? EpollSocketChannel.class : NioSocketChannel.class;
        this.epoll = native_;
    }

    /** The shared transport. */
    public static NettyTransport get() {
        NettyTransport t = instance;
        if (t == null) {
            synchronized (NettyTransport.class) {
                t = instance;
                if (t == null) {
                    t = new NettyTransport();
                    instance = t;
                }
            }
        }
        return t;
    }

    /** The event loops. */
    public EventLoopGroup group() {
        return group;
    }

    /** The socket channel class matching the loops. */
    public Class<? extends SocketChannel> channelClass() {
        return channelClass;
    }

    /** The server socket channel class matching the loops (the warm-up's loopback target). */
    Class<? extends ServerSocketChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Whether the native epoll transport is in use. */
    public boolean epoll() {
        return epoll;
    }
}
