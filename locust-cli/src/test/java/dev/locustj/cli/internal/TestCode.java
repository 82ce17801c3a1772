package dev.locustj.cli.internal;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds user code for tests: writes sources, compiles them with javax.tools, jars the classes. */
public final class TestCode {

    private TestCode() {
    }

    /** Writes {@code sources} (file name to text) into {@code dir}; returns the paths. */
    public static List<Path> write(Path dir, Map<String, String> sources) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            out.add(p);
        }
        return out;
    }

    /** Compiles the sources into {@code classes} with the given class path (the test's own when empty). */
    public static Path compile(List<Path> sources, Path classes, String classPath) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-classpath",
                classPath.isEmpty() ? String.join(File.pathSeparator, UserCodeLoader.launcherClassPath()) : classPath));
        sources.forEach(s -> args.add(s.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test code does not compile: " + err.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /** Jars a class directory. */
    public static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream fos = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(fos);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A user with a custom (non-HTTP) client that fires request events, like Locust's custom-client docs. */
    public static final String CUSTOM_USERS = """
            package demo;

            import dev.locustj.core.*;

            public class CustomUsers {
                /** Fires successes on /ok and failures on /fail. */
                @Weight(3)
                public static class MixedUser extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
                    @Task(3) public void ok() {
                        environment().events().request().fire(RequestEvent.success("custom", "/ok", 2, 10));
                    }
                    @Tag("failing")
                    @Task public void fail() {
                        environment().events().request().fire(
                                RequestEvent.failure("custom", "/fail", 5, 0, new IllegalStateException("boom")));
                    }
                }

                /** Only successes. */
                public static class GoodUser extends User {
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.02); }
                    @Task public void good() {
                        environment().events().request().fire(RequestEvent.success("custom", "/good", 1, 5));
                    }
                }

                /** A base class: not runnable. */
                public abstract static class BaseUser extends User {
                }
            }
            """;
}
