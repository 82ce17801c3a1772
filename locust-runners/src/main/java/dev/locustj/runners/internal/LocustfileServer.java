package dev.locustj.runners.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The master's answer to a {@code locustfile} request (DIST-09, LF-04; protocol §4.1/§4.2): the files of its own
 * {@code -f}, read again for every request (so edits on disk reach workers that start later, as in Locust).
 *
 * <ul>
 *   <li>a {@code .jar} is sent as one file whose {@code contents} is msgpack <b>bin</b> (a jar is binary);</li>
 *   <li>a {@code .java} file is sent as text (msgpack str), like Locust's {@code .py} files;</li>
 *   <li>a class <b>directory</b> (Locust sends the {@code .py} files in it) is packed in memory into one jar named
 *       after the directory, holding every file under it except the {@code .java} sources, which are sent as text
 *       files of their own. A Java worker loads that jar and compiles those sources against it, which is what the
 *       master did with the directory. Two sources with the same file name are an {@code error} reply, since the
 *       reply carries base names only.</li>
 * </ul>
 *
 * <p>Reply forms: Locust ≥2.31 workers send {@code {"version": "2.31.0"}} and read {@code {"locustfiles": [...]}};
 * 2.23..2.30 workers send nil and read a single {@code {"filename", "contents"}} (more than one file is then an
 * {@code error} reply, as in those masters). Java workers send {@code locustj-<version>} (or the version set in their
 * options) and get the list form; so does the int {@code -1} and any version that doesn't parse as
 * {@code major.minor}. Problems reading the files are an {@code {"error": ...}} reply, never an exception.
 */
final class LocustfileServer {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");
    static final String ERROR_PREFIX = "locustfile must be a .jar, a .java file, a class directory or a "
            + "comma-separated list of them for file distribution to work";

    /** A repeated request from the same identity within this time isn't answered again (see {@link #reply}). */
    static final long REPEAT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<Path> locustfiles;
    private final Map<String, Long> answered = new HashMap<>();

    /** A server for these {@code -f} paths (may be empty: a master used as a library has none). */
    LocustfileServer(List<Path> locustfiles) {
        this.locustfiles = List.copyOf(locustfiles);
    }

    /**
     * The reply's data for a request whose data was {@code requestData} (a map with a version, or nil); empty for a
     * request from an identity answered less than 5 s ago. A worker repeats its request every second until it is
     * connected, and ZeroMQ queues those repeats, so a worker started before the master would otherwise get (and
     * the master would read and pack) one full reply per second of waiting. Called from one thread.
     */
    Optional<Map<String, Object>> reply(Object requestData, String requester) {
        long now = System.nanoTime();
        Long last = answered.get(requester);
        if (last != null && now - last < REPEAT_NANOS) {
            LOG.debug("Repeated locustfile request from {} ignored", requester);
            return Optional.empty();
        }
        if (answered.size() >= 1000) {
            answered.values().removeIf(t -> now - t >= REPEAT_NANOS);
        }
        answered.put(requester, now);
        return Optional.of(replyData(requestData, requester));
    }

    private Map<String, Object> replyData(Object requestData, String requester) {
        boolean listForm = wantsListForm(requestData);
        LOG.debug("Worker {} requested locustfile ({} form)", requester, listForm ? "list" : "single");
        if (locustfiles.isEmpty()) {
            return error("this master was started without -f: it has no locustfile to send");
        }
        List<Map<String, Object>> files = new ArrayList<>();
        Path current = locustfiles.getFirst();
        try {
            for (Path p : locustfiles) {
                current = p;
                files.addAll(filesOf(p));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            LOG.error("{} {}", ERROR_PREFIX, e.getMessage());
            return error(ERROR_PREFIX + " (was '" + current + "': " + e.getMessage() + ")");
        }
        Set<Object> names = new HashSet<>();
        for (Map<String, Object> f : files) {
            if (!names.add(f.get("filename"))) {
                return error(ERROR_PREFIX + " (two files are named '" + f.get("filename") + "')");
            }
        }
        if (listForm) {
            return Map.of("locustfiles", files);
        }
        if (files.size() != 1) {
            return error("locustfile must be a full path to a single locustfile for file distribution to work "
                    + "with Locust 2.23 .. 2.30 workers (was '" + String.join(",", locustfiles.stream()
                    .map(Path::toString).toList()) + "')");
        }
        return files.getFirst();
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /**
     * Locust ≥2.31 workers, Java workers ({@code locustj-...}, -1, or any version that isn't {@code major.minor})
     * read the list form; 2.23..2.30 workers (nil data, or a version below 2.31) read the single form.
     */
    static boolean wantsListForm(Object requestData) {
        if (!(requestData instanceof Map<?, ?> m) || !m.containsKey("version")) {
            return false; // Locust 2.23 .. 2.30 send nil
        }
        if (!(m.get("version") instanceof String v)) {
            return true; // -1: a third-party worker
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(v);
        if (!matcher.find()) {
            return true; // locustj-..., or anything else that isn't a Locust version
        }
        try {
            int major = Integer.parseInt(matcher.group(1));
            int minor = Integer.parseInt(matcher.group(2));
            return major > 2 || (major == 2 && minor >= 31);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static List<Map<String, Object>> filesOf(Path p) throws IOException {
        String name = Optional.ofNullable(p.toAbsolutePath().normalize().getFileName()).map(Path::toString)
                .orElse("locustfile");
        if (Files.isDirectory(p)) {
            List<Map<String, Object>> out = new ArrayList<>();
            out.add(file(name + ".jar", jarOf(p)));
            for (Path src : javaSourcesIn(p)) {
                out.add(file(src.getFileName().toString(), text(src)));
            }
            return out;
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return List.of(file(name, Files.readAllBytes(p)));
        }
        return List.of(file(name, text(p)));
    }

    private static Map<String, Object> file(String filename, Object contents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filename", filename);
        m.put("contents", contents);
        return m;
    }

    /** A text file's contents as a string (msgpack str), or its bytes (bin) when it isn't valid UTF-8. */
    private static Object text(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    private static boolean isJavaSource(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".java");
    }

    private static List<Path> javaSourcesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(LocustfileServer::isJavaSource).sorted().toList();
        }
    }

    /** Every regular file under {@code dir} except .java sources, in a jar (sorted entries, with a manifest). */
    static byte[] jarOf(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !isJavaSource(f)).sorted().toList();
        }
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Path f : files) {
                String entry = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (entry.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue;
                }
                JarEntry e = new JarEntry(entry);
                e.setTime(Files.getLastModifiedTime(f).toMillis());
                jar.putNextEntry(e);
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
