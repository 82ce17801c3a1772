package dev.locustj.runners.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerOptions;
import dev.locustj.runners.internal.protocol.DecodeResult;
import dev.locustj.runners.internal.protocol.MsgpackCodec;
import dev.locustj.runners.internal.protocol.WireMessage;
import dev.locustj.runners.internal.transport.ZmqChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -f -} (DIST-09, LF-04; protocol §4.1/§4.2): the master's reply and the worker's download, over loopback. */
@Timeout(60)
class LocustfileDistributionTest {

    @TempDir
    Path dir;

    private final DistributedTestSupport s = new DistributedTestSupport();
    private final List<ZmqChannel> channels = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        channels.forEach(c -> c.close(0));
        s.close();
    }

    private static byte[] tinyJar() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("demo/Hello.class"));
            jar.write(new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, (byte) 0xFF});
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private MasterRunner masterServing(List<Path> files) {
        return s.master(MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(0)
                .withHeartbeat(Duration.ofMillis(100), 3, 20).withLocustfiles(files));
    }

    private static WorkerOptions toMaster(int port) {
        return WorkerOptions.defaults().withMaster("127.0.0.1", port);
    }

    private Path downloads() throws IOException {
        return Files.createDirectories(dir.resolve("downloads"));
    }

    @Test
    void aWorkerDownloadsAJarAsBytesJavaSourcesAsTextAndADirectoryAsAJarPlusItsSources() throws Exception {
        byte[] jarBytes = tinyJar();
        Path jar = Files.write(dir.resolve("users.jar"), jarBytes);
        Path java = Files.writeString(dir.resolve("Extra.java"), "public class Extra { /* é */ }\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(classes.resolve("pkg"));
        Files.write(classes.resolve("pkg/A.class"), new byte[]{1, 2, 3});
        Files.writeString(classes.resolve("data.txt"), "resource");
        Files.writeString(classes.resolve("pkg/Src.java"), "package pkg; public class Src { }");
        MasterRunner master = masterServing(List.of(jar, java, classes));

        List<String> warnings = new CopyOnWriteArrayList<>();
        List<String> got = LocustfileDownload.download(toMaster(master.port()), downloads(), warnings::add);

        Path d = downloads().toAbsolutePath();
        assertThat(got).containsExactly(d.resolve("users.jar").toString(), d.resolve("Extra.java").toString(),
                d.resolve("classes.jar").toString(), d.resolve("Src.java").toString());
        assertThat(Files.readAllBytes(d.resolve("users.jar"))).isEqualTo(jarBytes);
        assertThat(Files.readString(d.resolve("Extra.java"))).isEqualTo("public class Extra { /* é */ }\n");
        assertThat(Files.readString(d.resolve("Src.java"))).contains("class Src");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(d.resolve("classes.jar")))) {
            assertThat(in.getManifest()).isNotNull();
            List<String> entries = new ArrayList<>();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.add(e.getName());
                if (e.getName().equals("pkg/A.class")) {
                    assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
                }
            }
            assertThat(entries).containsExactly("data.txt", "pkg/A.class"); // sources travel as text files
        }
        assertThat(warnings).isEmpty();
        assertThat(master.workerCount()).as("the download identity is not a worker").isZero();
    }

    @Test
    void aBigJarArrivesIntact() throws Exception {
        byte[] big = new byte[12 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        Path jar = Files.write(dir.resolve("big.jar"), big);
        MasterRunner master = masterServing(List.of(jar));
        List<String> got = LocustfileDownload.download(toMaster(master.port()), downloads(), w -> { });
        assertThat(Files.readAllBytes(Path.of(got.getFirst()))).isEqualTo(big);
    }

    @Test
    void aWorkerStartedBeforeTheMasterWaitsForIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path jar = Files.write(dir.resolve("late.jar"), tinyJar());
        LinkedBlockingQueue<Object> result = new LinkedBlockingQueue<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Path target = downloads();
        Thread.ofPlatform().start(() -> {
            try {
                result.add(new LocustfileDownload(toMaster(port), warnings::add, Duration.ofMillis(100),
                        Duration.ofMillis(300), Duration.ofSeconds(60)).run(target));
            } catch (Exception | AssertionError e) {
                result.add(e);
            }
        });
        Thread.sleep(800); // a few requests queue up in the DEALER meanwhile
        s.master(MasterOptions.defaults().withBindHost("127.0.0.1").withBindPort(port)
                .withLocustfiles(List.of(jar)));
        assertThat(result.poll(10, TimeUnit.SECONDS)).isEqualTo(List.of(target.resolve("late.jar")
                .toAbsolutePath().toString()));
        assertThat(warnings).containsExactly(LocustfileDownload.WAITING);
    }

    @Test
    void noReplyGivesUpAfterConnectTimeoutTimesRetries() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WorkerOptions o = toMaster(port).withTimers(Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(300), 2, Duration.ofSeconds(60));
        List<String> warnings = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new LocustfileDownload(o, warnings::add, Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(250)).run(downloads()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Got no locustfile response from master, gave up after 0.6s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(warnings).hasSize(2).allMatch(LocustfileDownload.WAITING::equals); // at 200 and 450 ms
        try (var left = Files.list(downloads())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMasterWithoutLocustfilesOrWithAnUnreadableOneRepliesWithAnError() throws Exception {
        MasterRunner none = masterServing(List.of());
        assertThatThrownBy(() -> LocustfileDownload.download(toMaster(none.port()), downloads(), w -> { }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Got error from master: this master was started without -f: it has no locustfile to send");

        MasterRunner gone = masterServing(List.of(dir.resolve("deleted.jar")));
        assertThatThrownBy(() -> LocustfileDownload.download(toMaster(gone.port()), downloads(), w -> { }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Got error from master: " + LocustfileServer.ERROR_PREFIX + " (was '")
                .hasMessageContaining("deleted.jar");
    }

    /** A ROUTER that answers every request with {@code reply}, like a Python master would. */
    private int fakeMaster(Object replyData, String replyType) {
        ZmqChannel[] holder = new ZmqChannel[1];
        holder[0] = ZmqChannel.router("127.0.0.1", 0, in -> {
            if (MsgpackCodec.decode(in.payload()) instanceof DecodeResult.Ok ok
                    && ok.message().type().equals("locustfile")) {
                try {
                    holder[0].send(in.identityString(), MsgpackCodec.encode(
                            new WireMessage(replyType, replyData, in.identityString())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        channels.add(holder[0]);
        return holder[0].port();
    }

    @Test
    void pythonMasterRepliesAreReadInBothForms() throws Exception {
        // Locust 2.23 .. 2.30: a single {filename, contents}
        int old = fakeMaster(Map.of("filename", "locustfile.py", "contents", "from locust import User\n"),
                "locustfile");
        Path d1 = Files.createDirectories(dir.resolve("d1"));
        assertThat(LocustfileDownload.download(toMaster(old), d1, w -> { }))
                .containsExactly(d1.resolve("locustfile.py").toAbsolutePath().toString());
        assertThat(Files.readString(d1.resolve("locustfile.py"))).isEqualTo("from locust import User\n");

        // Locust >= 2.31: a list of files and URLs; names are reduced to their base name
        int newer = fakeMaster(Map.of("locustfiles", List.of(
                Map.of("filename", "../../escape.py", "contents", "x = 1\n"),
                "https://example.invalid/remote.py")), "locustfile");
        Path d2 = Files.createDirectories(dir.resolve("d2"));
        assertThat(LocustfileDownload.download(toMaster(newer), d2, w -> { }))
                .containsExactly(d2.resolve("escape.py").toAbsolutePath().toString(),
                        "https://example.invalid/remote.py");
    }

    @Test
    void wrongTypesAndMalformedRepliesAreOneLineErrors() throws Exception {
        int wrong = fakeMaster(null, "quit");
        assertThatThrownBy(() -> LocustfileDownload.download(toMaster(wrong), downloads(), w -> { }))
                .isInstanceOf(ConfigurationException.class).hasMessage("Got wrong message type from master quit");
        int empty = fakeMaster(Map.of("locustfiles", List.of()), "locustfile");
        assertThatThrownBy(() -> LocustfileDownload.download(toMaster(empty), downloads(), w -> { }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Got a locustfile reply from master without files");
        int noContents = fakeMaster(Map.of("locustfiles", List.of(Map.of("filename", "a.jar"))), "locustfile");
        assertThatThrownBy(() -> LocustfileDownload.download(toMaster(noContents), downloads(), w -> { }))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no contents for 'a.jar'");
    }

    @Test
    void theRequestCarriesAStringVersionFromTheDownloadIdentity() throws Exception {
        LinkedBlockingQueue<WireMessage> requests = new LinkedBlockingQueue<>();
        List<String> identities = Collections.synchronizedList(new ArrayList<>());
        ZmqChannel router = ZmqChannel.router("127.0.0.1", 0, in -> {
            identities.add(in.identityString());
            if (MsgpackCodec.decode(in.payload()) instanceof DecodeResult.Ok ok) {
                requests.add(ok.message());
            }
        });
        channels.add(router);
        WorkerOptions o = toMaster(router.port()).withTimers(Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(500), 1, Duration.ofSeconds(60));
        assertThatThrownBy(() -> new LocustfileDownload(o, w -> { }, Duration.ofMillis(100), Duration.ofSeconds(10),
                Duration.ofSeconds(60)).run(downloads())).isInstanceOf(ConfigurationException.class);
        WireMessage first = requests.poll(1, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.type()).isEqualTo("locustfile");
        assertThat(first.nodeId()).matches("[^_]+_download_locustfile_[0-9a-f]{32}").isEqualTo(identities.getFirst());
        assertThat(first.data()).isEqualTo(Map.of("version", "locustj-dev"));
        assertThat(requests.size()).as("asked again about every 100 ms").isBetween(2, 7);
        assertThat(new LocustfileDownload(toMaster(1).withVersion("2.43.0"), w -> { }, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)).version()).isEqualTo("2.43.0");
    }

    @Test
    void theReplyFormFollowsTheRequestersVersion() {
        assertThat(LocustfileServer.wantsListForm(null)).as("2.23 .. 2.30 send nil").isFalse();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", "2.30.1"))).isFalse();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", "2.31.0"))).isTrue();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", "2.46.3"))).isTrue();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", "3.0.0"))).isTrue();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", -1L))).isTrue();
        assertThat(LocustfileServer.wantsListForm(Map.of("version", "locustj-0.1.0"))).isTrue();
    }

    @Test
    void oldWorkersGetTheSingleFormAndOnlyForASingleFile() throws Exception {
        Path a = Files.writeString(dir.resolve("A.java"), "class A { }");
        Path b = Files.writeString(dir.resolve("B.java"), "class B { }");
        assertThat(new LocustfileServer(List.of(a)).reply(null, "x_download_locustfile_1"))
                .contains(Map.of("filename", "A.java", "contents", "class A { }"));
        assertThat(new LocustfileServer(List.of(a, b)).reply(Map.of("version", "2.25.0"), "x_download_locustfile_2")
                .orElseThrow()).containsOnlyKeys("error");
        assertThat(new LocustfileServer(List.of(a, b)).reply(Map.of("version", "2.31.0"), "x_download_locustfile_3")
                .orElseThrow().get("locustfiles")).asList().hasSize(2);
    }

    @Test
    void repeatedRequestsFromOneIdentityAreAnsweredOnce() throws Exception {
        Path a = Files.writeString(dir.resolve("A.java"), "class A { }");
        LocustfileServer server = new LocustfileServer(List.of(a));
        assertThat(server.reply(Map.of("version", "locustj-dev"), "h_download_locustfile_1")).isPresent();
        assertThat(server.reply(Map.of("version", "locustj-dev"), "h_download_locustfile_1")).isEmpty();
        assertThat(server.reply(Map.of("version", "locustj-dev"), "h_download_locustfile_2")).isPresent();
    }

    @Test
    void directoryJarsKeepEveryNonSourceFile() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("c/x"));
        Files.write(classes.resolve("Y.class"), new byte[]{9});
        byte[] jar = LocustfileServer.jarOf(dir.resolve("c"));
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e = in.getNextEntry();
            assertThat(e.getName()).isEqualTo("x/Y.class");
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0009");
            assertThat(in.getNextEntry()).isNull();
        }
    }
}
