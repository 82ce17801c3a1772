package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.User;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.UserClasses;
import dev.locustj.http.HttpUser;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks made before the load starts, so a run that cannot succeed ends at once with one line and exit code 1
 * instead of running for nothing: the host of every HTTP user class of a headless run, and whether the
 * {@code --html} and {@code --json-file} reports can be written (the {@code --csv} files are opened up front).
 */
final class Preflight {

    private Preflight() {
    }

    /** Runs the checks that apply to these options. */
    static void check(LocustOptions o, DefaultEnvironment env, Path cwd) {
        if (o.worker()) {
            return; // the master owns the host and the reports
        }
        if (o.headless()) { // with the web UI the host can still be entered in the start form
            for (Class<? extends User> c : env.userClasses()) {
                checkHost(c, env.userHost(c));
            }
        }
        o.htmlFile().ifPresent(f -> writable(cwd.resolve(f), "--html", f));
        o.jsonFile().ifPresent(f -> writable(cwd.resolve(f + ".json"), "--json-file", f + ".json"));
    }

    /** An HTTP user needs an http(s) URL with a host (a user class that overrides host() decides itself). */
    static void checkHost(Class<? extends User> c, String host) {
        if (!HttpUser.class.isAssignableFrom(c) || overridesHost(c)) {
            return;
        }
        if (host == null || host.isBlank()) {
            throw new ExitException(1, "You must specify the base host. Either in the host attribute in the User "
                    + "class (" + UserClasses.name(c) + ", @Host), or on the command line using the --host option.");
        }
        invalidUrl(host).ifPresent(why -> {
            throw new ExitException(1, "Invalid host '" + host + "' for " + UserClasses.name(c) + ": " + why
                    + " (expected a URL like http://127.0.0.1:8080)");
        });
    }

    private static Optional<String> invalidUrl(String host) {
        URI uri;
        try {
            uri = new URI(host.strip());
        } catch (URISyntaxException e) {
            return Optional.of(e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("the scheme must be http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("no host name");
        }
        return Optional.empty();
    }

    private static boolean overridesHost(Class<? extends User> c) {
        try {
            return c.getMethod("host").getDeclaringClass() != User.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A report file must be creatable (or writable when it exists); checked without creating it. */
    static void writable(Path p, String option, String name) {
        Path abs = p.toAbsolutePath().normalize();
        String problem = null;
        if (Files.isDirectory(abs)) {
            problem = "it is a directory";
        } else if (Files.exists(abs)) {
            if (!Files.isWritable(abs)) {
                problem = "Permission denied";
            }
        } else {
            Path dir = abs.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                problem = "No such file or directory";
            } else if (!Files.isWritable(dir)) {
                problem = "Permission denied";
            }
        }
        if (problem != null) {
            throw new ExitException(1, "Cannot write the " + option + " file '" + name + "': " + problem);
        }
    }
}
