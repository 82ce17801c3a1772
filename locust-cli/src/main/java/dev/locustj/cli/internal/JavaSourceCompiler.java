package dev.locustj.cli.internal;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles {@code .java} locustfiles in memory with javax.tools (LF-01 for Java): the class path is the launcher's
 * own (so user code imports {@code dev.locustj.*}) plus the jars and class directories given with them.
 */
public final class JavaSourceCompiler {

    private JavaSourceCompiler() {
    }

    /**
     * Compiles the sources; returns the class files by binary name.
     *
     * @throws ExitException (exit 1) without a JDK compiler, or with the compiler's errors
     */
    public static Map<String, byte[]> compile(List<Path> sources, List<String> classPath) {
        return compile(ToolProvider.getSystemJavaCompiler(), sources, classPath);
    }

    /** Compiles with {@code javac}; null stands for a JRE without a compiler. */
    static Map<String, byte[]> compile(JavaCompiler javac, List<Path> sources, List<String> classPath) {
        if (javac == null) {
            throw new ExitException(1, "Compiling " + names(sources) + " needs a JDK, but this Java ("
                    + System.getProperty("java.home") + ") has no compiler (javax.tools). Run with a JDK 21+ "
                    + "(set JAVA_HOME) or pass a compiled .jar or class directory with -f.");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        try (StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
             JavaFileManager fm = new MemoryFileManager(std, out)) {
            Iterable<? extends JavaFileObject> units = std.getJavaFileObjectsFromPaths(sources);
            List<String> opts = new ArrayList<>(List.of("-proc:none", "-g", "-parameters", "-encoding", "UTF-8",
                    "-Xlint:none", "-nowarn"));
            if (!classPath.isEmpty()) {
                opts.add("-classpath");
                opts.add(String.join(File.pathSeparator, classPath));
            }
            Boolean ok = javac.getTask(null, fm, diagnostics, opts, null, units).call();
            if (!Boolean.TRUE.equals(ok)) {
                throw new ExitException(1, "Could not compile " + names(sources) + ":" + System.lineSeparator()
                        + format(diagnostics.getDiagnostics()));
            }
        } catch (IOException e) {
            throw new ExitException(1, "Could not compile " + names(sources) + ": " + e.getMessage());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static String names(List<Path> sources) {
        return sources.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** One line per error: "File.java:12:9: error: cannot find symbol (symbol: class Foo)". */
    static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                    + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
            String msg = d.getMessage(Locale.ROOT).strip().replaceAll("\\s*\\R\\s*", "; ");
            lines.add("  " + file + "error: " + msg);
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** Keeps the class files in memory. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> out;

        MemoryFileManager(StandardJavaFileManager std, Map<String, ByteArrayOutputStream> out) {
            super(std);
            this.out = out;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    out.put(className, bytes);
                    return bytes;
                }
            };
        }
    }
}
