package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustPlugin;
import dev.locustj.core.User;
import dev.locustj.core.internal.UserClasses;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the user code named by {@code -f} (LF-01, LF-02, LF-05, LF-06): jars, directories of class files (and of
 * .java files, compiled together), single .java files compiled in memory, or a comma-separated list. The class
 * files are scanned with ASM, so classes are loaded only when they extend {@link User} or {@link LoadTestShape},
 * and never initialised by the scan.
 */
public final class UserCodeLoader {

    /** What the default {@code -f locustfile} tries, in order, in the working directory. */
    static final List<String> DEFAULT_CANDIDATES = List.of("locustfile.jar", "locustfile.java", "Locustfile.java",
            "locustfile");

    /** Packages of the launcher's own libraries: skipped when a fat jar of user code bundles them. */
    private static final List<String> LIBRARY_PREFIXES = List.of("dev/locustj/core/", "dev/locustj/http/",
            "dev/locustj/runners/", "dev/locustj/web/", "dev/locustj/cli/", "io/netty/", "com/fasterxml/",
            "org/slf4j/", "ch/qos/", "picocli/", "org/objectweb/", "org/HdrHistogram/", "io/javalin/",
            "org/eclipse/", "org/zeromq/", "zmq/", "org/msgpack/", "kotlin/", "jakarta/", "org/junit/",
            "org/assertj/", "net/bytebuddy/");
    private static final String USER = "dev/locustj/core/User";
    private static final String SHAPE = "dev/locustj/core/LoadTestShape";
    private static final String PLUGIN = "dev/locustj/core/LocustPlugin";

    private final Path cwd;
    private final ClassLoader parent;

    /** A loader resolving relative paths against {@code cwd}, with the launcher's classes as parent. */
    public UserCodeLoader(Path cwd) {
        this(cwd, UserCodeLoader.class.getClassLoader());
    }

    UserCodeLoader(Path cwd, ClassLoader parent) {
        this.cwd = cwd;
        this.parent = parent;
    }

    /** Loads the comma-separated locustfile list; every problem is an {@link ExitException} with exit code 1. */
    public UserCode load(String spec) {
        return load(Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * Loads these locustfiles (paths that may contain commas, e.g. the files a {@code -f -} worker downloaded);
     * every problem is an {@link ExitException} with exit code 1.
     */
    public UserCode load(List<String> given) {
        if (given.isEmpty()) {
            throw new ExitException(1, "No locustfile given (-f is empty)");
        }
        List<Path> roots = new ArrayList<>();   // jars and class directories
        List<Path> sources = new ArrayList<>(); // .java files
        List<Path> files = new ArrayList<>();
        for (String g : given) {
            Path p = resolve(g, given.size() == 1 && g.equals("locustfile"));
            files.add(p.toAbsolutePath().normalize());
            if (Files.isDirectory(p)) {
                roots.add(p);
                sources.addAll(javaFilesIn(p));
            } else if (hasExt(p, ".jar")) {
                roots.add(p);
            } else if (hasExt(p, ".java")) {
                sources.add(p);
            } else {
                throw new ExitException(1, "Unsupported locustfile '" + g + "': use a .jar, a .java file or a "
                        + "directory of .class files");
            }
        }
        URL[] urls = roots.stream().map(UserCodeLoader::url).toArray(URL[]::new);
        URLClassLoader rootLoader = new URLClassLoader("locustfile", urls, parent);
        Map<String, byte[]> compiled = Map.of();
        ClassLoader loader = rootLoader;
        if (!sources.isEmpty()) {
            List<String> cp = new ArrayList<>(launcherClassPath());
            roots.forEach(r -> cp.add(r.toString()));
            compiled = JavaSourceCompiler.compile(sources, cp);
            loader = new MemoryClassLoader(compiled, rootLoader);
        }

        Map<String, Scanned> scanned = new java.util.TreeMap<>(); // by class name: a stable order for listings
        for (Path r : roots) {
            scanRoot(r, scanned);
        }
        compiled.forEach((name, bytes) -> scan(bytes, "compiled " + name, scanned));

        Map<String, Class<? extends User>> users = new LinkedHashMap<>();
        Map<String, Class<? extends LoadTestShape>> shapes = new LinkedHashMap<>();
        List<Class<? extends LocustPlugin>> plugins = new ArrayList<>();
        Map<String, String> kind = new HashMap<>();
        for (Scanned s : scanned.values()) {
            if (s.isAbstract || s.isInterface || s.isSynthetic) {
                continue;
            }
            String k = kindOf(s.name, scanned, kind, loader);
            if (k.isEmpty()) {
                continue;
            }
            Class<?> c = loadClass(s, loader);
            if (Modifier.isAbstract(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                continue;
            }
            String name = UserClasses.name(c);
            if (k.equals(USER)) {
                Class<? extends User> uc = c.asSubclass(User.class);
                Class<? extends User> prev = users.putIfAbsent(name, uc);
                if (prev != null && prev != uc) {
                    throw new ExitException(1, "Duplicate user class names: " + name + " is defined in both "
                            + prev.getName() + " and " + c.getName());
                }
            } else if (k.equals(PLUGIN)) {
                plugins.add(c.asSubclass(LocustPlugin.class));
            } else {
                Class<? extends LoadTestShape> sc = c.asSubclass(LoadTestShape.class);
                if (shapes.putIfAbsent(name, sc) != null) {
                    throw new ExitException(1, "Duplicate shape classes: " + name);
                }
            }
        }
        return new UserCode(users, shapes, plugins, given, files, loader);
    }

    private Path resolve(String given, boolean isDefault) {
        Path p = cwd.resolve(given);
        if (Files.exists(p)) {
            if (!Files.isReadable(p)) {
                throw new ExitException(1, "Could not read '" + given + "': permission denied");
            }
            return p;
        }
        if (isDefault) {
            for (String c : DEFAULT_CANDIDATES) {
                Path q = cwd.resolve(c);
                if (Files.exists(q)) {
                    return q;
                }
            }
        }
        throw new ExitException(1, "Could not find '" + given + "'. Ensure your locustfile is a .jar, a .java file "
                + "or a directory of classes. See --help for available options.");
    }

    private static boolean hasExt(Path p, String ext) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext);
    }

    private static List<Path> javaFilesIn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> hasExt(p, ".java")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ExitException(1, "Could not read directory '" + dir + "': " + e.getMessage());
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new ExitException(1, "Bad locustfile path '" + p + "'");
        }
    }

    /** The launcher's class path, plus where the Locust modules were loaded from (surefire's manifest jars). */
    static List<String> launcherClassPath() {
        Set<String> cp = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                cp.add(e);
            }
        }
        List<Class<?>> anchors = new ArrayList<>(List.of(User.class, LocustOptions.class));
        for (String name : List.of("dev.locustj.http.HttpUser", "org.slf4j.Logger")) {
            try {
                anchors.add(Class.forName(name, false, UserCodeLoader.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // optional module not on the class path
            }
        }
        for (Class<?> a : anchors) {
            CodeSource cs = a.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                try {
                    cp.add(Path.of(cs.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file location
                }
            }
        }
        return List.copyOf(cp);
    }

    /** The facts about one class file that the scan needs. */
    private record Scanned(String name, String superName, boolean isAbstract, boolean isInterface,
                           boolean isSynthetic, String origin) {
    }

    private static void scanRoot(Path root, Map<String, Scanned> out) {
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(f -> hasExt(f, ".class")).sorted().toList()) {
                    if (p.getFileName().toString().equals("module-info.class")) {
                        continue;
                    }
                    scan(Files.readAllBytes(p), p.toString(), out);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new ExitException(1, "Could not read '" + root + "': " + e.getMessage());
            }
            return;
        }
        try (JarFile jar = new JarFile(root.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.endsWith("module-info.class")
                        || LIBRARY_PREFIXES.stream().anyMatch(n::startsWith)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    scan(in.readAllBytes(), root + "!" + n, out);
                }
            }
        } catch (IOException e) {
            throw new ExitException(1, "Could not read jar '" + root + "': " + e.getMessage());
        }
    }

    private static void scan(byte[] bytes, String origin, Map<String, Scanned> out) {
        ClassReader r;
        try {
            r = new ClassReader(bytes);
        } catch (RuntimeException e) {
            throw new ExitException(1, "Not a valid class file: " + origin);
        }
        int a = r.getAccess();
        out.putIfAbsent(r.getClassName(), new Scanned(r.getClassName(), r.getSuperName(),
                (a & Opcodes.ACC_ABSTRACT) != 0, (a & Opcodes.ACC_INTERFACE) != 0,
                (a & Opcodes.ACC_SYNTHETIC) != 0, origin));
    }

    /** USER, SHAPE or "" for an internal name, following super classes through the scan and then the loader. */
    private static String kindOf(String internal, Map<String, Scanned> scanned, Map<String, String> memo,
                                 ClassLoader loader) {
        String known = memo.get(internal);
        if (known != null) {
            return known;
        }
        String result;
        if (internal == null || internal.equals("java/lang/Object")) {
            result = "";
        } else if (internal.equals(USER) || internal.equals(SHAPE) || internal.equals(PLUGIN)) {
            result = internal;
        } else if (scanned.containsKey(internal)) {
            memo.put(internal, ""); // guards against cycles in broken class files
            result = kindOf(scanned.get(internal).superName(), scanned, memo, loader);
        } else {
            result = "";
            try {
                Class<?> c = Class.forName(internal.replace('/', '.'), false, loader);
                if (User.class.isAssignableFrom(c)) {
                    result = USER;
                } else if (LoadTestShape.class.isAssignableFrom(c)) {
                    result = SHAPE;
                } else if (LocustPlugin.class.isAssignableFrom(c)) {
                    result = PLUGIN;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a super class outside our reach cannot lead to User
            }
        }
        memo.put(internal, result);
        return result;
    }

    private static Class<?> loadClass(Scanned s, ClassLoader loader) {
        String binary = s.name().replace('/', '.');
        try {
            return Class.forName(binary, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExitException(1, "Could not load " + binary + " from " + s.origin() + ": " + e);
        }
    }

    /** Defines the classes compiled in memory. */
    static final class MemoryClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("locustfile-java", parent);
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
