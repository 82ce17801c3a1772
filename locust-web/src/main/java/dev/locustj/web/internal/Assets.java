package dev.locustj.web.internal;

import dev.locustj.core.LocustException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The page's static files and uPlot, read once from the classpath (never from a CDN). */
public final class Assets {

    private static final String STATIC = "/dev/locustj/web/static/";
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Assets() {
    }

    /** The uPlot version found in the WebJar. */
    public static String uplotVersion() {
        try (InputStream in = Assets.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new LocustException("the uPlot WebJar is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new LocustException("cannot read the uPlot WebJar: " + e.getMessage(), e);
        }
    }

    /**
     * A file of the page ("app.js") or of uPlot ("uplot.iife.min.js", "uplot.min.css"). Only files that exist are
     * kept, so the cache holds at most the files shipped, whatever names are asked for.
     */
    public static Optional<byte[]> file(String name) {
        byte[] cached = CACHE.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> read = read(name);
        read.ifPresent(bytes -> CACHE.putIfAbsent(name, bytes));
        return read;
    }

    /** The number of cached files (tests: it must not grow with unknown names). */
    public static int cachedFiles() {
        return CACHE.size();
    }

    private static Optional<byte[]> read(String n) {
        String path = switch (n) {
            case "uplot.iife.min.js" -> "/META-INF/resources/webjars/uplot/" + uplotVersion()
                    + "/dist/uPlot.iife.min.js";
            case "uplot.min.css" -> "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css";
            default -> n.matches("[A-Za-z0-9_.-]+") && !n.startsWith(".") ? STATIC + n : null;
        };
        if (path == null) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A file as text; fails when missing (a packaging error). */
    public static String text(String name) {
        return new String(file(name).orElseThrow(() -> new LocustException("missing web resource " + name)),
                StandardCharsets.UTF_8);
    }

    /** The content type for a file name. */
    public static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".ico")) {
            return "image/x-icon";
        }
        return "application/octet-stream";
    }
}
