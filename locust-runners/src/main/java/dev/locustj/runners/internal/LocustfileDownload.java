package dev.locustj.runners.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.runners.WorkerOptions;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.EncodeException;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import dev.locustj.runners.internal.transport.ZmqChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker started with {@code -f -} asks the master for its locustfile(s) (DIST-09, LF-04; protocol §2, §4.1,
 * §4.2), as Locust's {@code download_locustfile_from_master} does: a temporary DEALER with the identity
 * {@code <hostname>_download_locustfile_<32 hex>} sends {@code ["locustfile", {"version": v}, id]} every second until
 * a reply arrives, warns "Waiting to connect to master to receive locustfile..." after 10 s and then every 60 s, and
 * gives up after {@code connectTimeout × connectRetries} (Locust's CONNECT_TIMEOUT × CONNECT_RETRY_COUNT, 300 s).
 * The socket is closed before this returns, so before the real worker connects.
 *
 * <p>The version sent is the one in the worker's options, else {@code locustj-<build version>}: always a string,
 * because Locust masters slice it ({@code version[0:4]}) and the int -1 that {@code client_ready} may carry would
 * crash their receive loop. Any string that isn't a Locust {@code major.minor} makes a Java master answer in the
 * list form.
 *
 * <p>Both reply forms are read: ≥2.31 {@code {"locustfiles": [{"filename", "contents"} | "url", ...]}} and
 * 2.23..2.30 {@code {"filename", "contents"}}; {@code contents} may be msgpack str (text) or bin (a jar). Files are
 * written under their base name into the given directory. Every failure is a {@link ConfigurationException} with one
 * line (Locust's wording where it has one); the caller exits with code 1.
 */
public final class LocustfileDownload {

    private static final Logger LOG = LoggerFactory.getLogger("locust.main");
    static final String WAITING = "Waiting to connect to master to receive locustfile...";

    private final WorkerOptions options;
    private final Consumer<String> warnings;
    private final Duration requestInterval;
    private final Duration firstWarning;
    private final Duration warningInterval;

    LocustfileDownload(WorkerOptions options, Consumer<String> warnings, Duration requestInterval,
                       Duration firstWarning, Duration warningInterval) {
        this.options = options;
        this.warnings = warnings;
        this.requestInterval = requestInterval;
        this.firstWarning = firstWarning;
        this.warningInterval = warningInterval;
    }

    /**
     * Downloads into {@code directory} (which must exist) with Locust's timers.
     *
     * @return the written files' absolute paths and any URLs, in the master's order
     * @throws ConfigurationException with one line: no reply in time, an error reply, or a malformed reply
     */
    public static List<String> download(WorkerOptions options, Path directory, Consumer<String> warnings)
            throws InterruptedException {
        return new LocustfileDownload(options, warnings, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(60)).run(directory);
    }

    /** The download identity: {@code <hostname>_download_locustfile_<32 hex>} (protocol §2). */
    static String downloadId() {
        String nodeId = WorkerRunner.defaultNodeId(); // <hostname>_<32 hex>
        int sep = nodeId.lastIndexOf('_');
        return nodeId.substring(0, sep) + "_download_locustfile_" + nodeId.substring(sep + 1);
    }

    /** What the request's {@code version} says: the options' version, else {@code locustj-<build version>}. */
    String version() {
        String build = LocustfileDownload.class.getPackage().getImplementationVersion();
        return options.version().orElse("locustj-" + (build == null ? "dev" : build));
    }

    List<String> run(Path directory) throws InterruptedException {
        String id = downloadId();
        byte[] request;
        try {
            request = MsgpackCodec.encode(new WireMessage("locustfile", Map.of("version", version()), id));
        } catch (EncodeException e) {
            throw new IllegalStateException(e);
        }
        Duration timeout = options.connectTimeout().multipliedBy(options.connectRetries());
        LinkedBlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
        ZmqChannel channel = ZmqChannel.dealer(options.masterHost(), options.masterPort(), id,
                in -> replies.add(in.payload()));
        WireMessage reply;
        try {
            reply = awaitReply(channel, id, request, replies, timeout);
        } finally {
            channel.close(0);
        }
        return save(reply, directory);
    }

    private WireMessage awaitReply(ZmqChannel channel, String id, byte[] request, LinkedBlockingQueue<byte[]> replies,
                                   Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextSend = start;
        long nextWarning = start + firstWarning.toNanos();
        // JeroMQ: a DEALER that connects at the same moment as another one now and then never gets through (see
        // WorkerRunner.connect), so the socket is recreated (same identity) before some of the repeated requests:
        // after 1 s, then 2, 4, 8 s... later, so that a big reply on a slow link isn't cut off forever.
        long reconnectGap = requestInterval.toNanos();
        long nextReconnect = start + reconnectGap;
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new ConfigurationException("Got no locustfile response from master, gave up after "
                        + seconds(timeout) + "s");
            }
            if (now - nextSend >= 0) {
                if (now - nextReconnect >= 0) {
                    channel.reconnect();
                    reconnectGap *= 2;
                    nextReconnect = now + reconnectGap;
                }
                channel.send(id, request);
                nextSend += requestInterval.toNanos();
            }
            if (now - nextWarning >= 0) {
                warnings.accept(WAITING);
                nextWarning += warningInterval.toNanos();
            }
            long wait = Math.min(Math.min(nextSend, nextWarning), deadline) - now;
            byte[] payload = replies.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
            if (payload == null) {
                continue;
            }
            DecodeResult r = MsgpackCodec.decode(payload);
            if (r instanceof DecodeResult.Ok ok) {
                return ok.message();
            }
            LOG.warn("Ignored a corrupt reply from the master: {}", ((DecodeResult.Error) r).reason());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    /** Writes the files of a reply; returns their paths and the URLs, in order. */
    static List<String> save(WireMessage reply, Path directory) {
        if (!reply.type().equals("locustfile")) {
            throw new ConfigurationException("Got wrong message type from master " + reply.type());
        }
        if (!(reply.data() instanceof Map<?, ?> data)) {
            throw new ConfigurationException("Got a malformed locustfile reply from master (no map)");
        }
        if (data.containsKey("error")) {
            throw new ConfigurationException("Got error from master: " + data.get("error"));
        }
        List<?> sources;
        if (data.get("locustfiles") instanceof List<?> list) { // Locust >= 2.31
            sources = list;
        } else if (data.containsKey("filename") && data.containsKey("contents")) { // Locust 2.23 .. 2.30
            sources = List.of(data);
        } else {
            throw new ConfigurationException("Got a locustfile reply from master without files");
        }
        if (sources.isEmpty()) {
            throw new ConfigurationException("Got a locustfile reply from master without files");
        }
        List<String> out = new ArrayList<>();
        for (Object source : sources) {
            if (source instanceof String url) {
                out.add(url);
            } else if (source instanceof Map<?, ?> f && f.get("filename") instanceof String name) {
                out.add(write(directory, name, contents(name, f.get("contents"))).toString());
            } else {
                throw new ConfigurationException("Got a malformed locustfile reply from master (an entry is neither "
                        + "a {filename, contents} map nor a URL)");
            }
        }
        return out;
    }

    private static byte[] contents(String name, Object contents) {
        return switch (contents) {
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b;
            case null, default -> throw new ConfigurationException("Got a malformed locustfile reply from master "
                    + "(no contents for '" + name + "')");
        };
    }

    /** Writes under the base name only, so a reply can't write outside the directory. */
    private static Path write(Path directory, String filename, byte[] contents) {
        String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.indexOf('\0') >= 0) {
            throw new ConfigurationException("Got a bad locustfile name from master: '" + filename + "'");
        }
        Path target = directory.resolve(base).toAbsolutePath();
        if (Files.exists(target)) {
            throw new ConfigurationException("Got two locustfiles named '" + base + "' from master");
        }
        try {
            Files.write(target, contents);
        } catch (IOException e) {
            throw new ConfigurationException("Could not write the locustfile from master to " + target + ": "
                    + e.getMessage());
        }
        return target;
    }
}
