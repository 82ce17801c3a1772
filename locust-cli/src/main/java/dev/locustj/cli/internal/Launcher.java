package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.cli.Main;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustPlugin;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.UserLimit;
import dev.locustj.core.internal.UserRuntime;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.LocustException;
import dev.locustj.core.User;
import dev.locustj.core.internal.UserClasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code locust} command: options, logging, user code, then the {@link RunMode}. Every problem ends as one
 * line on stderr and Locust's exit code (RUN-41): 2 for usage errors, 1 for configuration errors, 0 for
 * {@code --help}, {@code --version}, {@code --list} and {@code --show-task-ratio}.
 */
public final class Launcher {

    private final OptionsParser parser;
    private final Path cwd;
    private final PrintStream out;
    private final PrintStream err;

    /** A launcher with explicit sources (tests). */
    public Launcher(OptionsParser parser, Path cwd, PrintStream out, PrintStream err) {
        this.parser = parser;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
    }

    /** The launcher of this process. */
    public static Launcher forProcess() {
        return new Launcher(OptionsParser.forProcess(), Path.of("").toAbsolutePath(), System.out, System.err);
    }

    /** Runs the command; returns the exit code (-1 stands for 255). */
    public int run(String... args) {
        try {
            return runOrThrow(args);
        } catch (UsageException e) {
            err.println("locust: error: " + e.getMessage());
            return 2;
        } catch (ExitException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            logCause(e);
            return 1;
        } catch (LocustException e) {
            err.println(e.getMessage());
            logCause(e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Two passes over the options (EV-11, CFG-04): the first knows only the built-in options and lets unknown ones
     * pass; it finds {@code -f}, the logging options and the master's address for {@code -f -}. Then the user code
     * is loaded, its plugins are created and asked for their {@link CustomOption}s, and the second pass parses
     * everything strictly with them added: an option that is neither built-in nor declared is a usage error.
     */
    private int runOrThrow(String[] args) throws InterruptedException {
        OptionsParser.Result first = parser.parseLenient(args);
        if (first.versionRequested()) {
            out.println(versionLine());
            return 0;
        }
        if (first.helpRequested()) {
            LogSetup.configure("INFO", Optional.empty()); // Logback's default is DEBUG: keep the usage clean
            parser.parseLenient(helpCustomOptions(first), args).commandLine().usage(out);
            return 0;
        }
        LocustOptions pre = first.options();
        if (pre.skipLogSetup()) {
            LogSetup.skip();
        } else {
            LogSetup.configure(pre.loglevel(), pre.logfile());
        }
        Logger log = LoggerFactory.getLogger("locust.main");

        UserCode code = pre.locustfile().strip().equals("-") // DIST-09, LF-04: download from the master
                ? new UserCodeLoader(cwd).load(LocustfileFromMaster.fetch(pre, err))
                : new UserCodeLoader(cwd).load(pre.locustfile());
        List<LocustPlugin> plugins = new ArrayList<>();
        for (Class<? extends LocustPlugin> plugin : code.plugins()) {
            try {
                plugins.add(UserRuntime.construct(plugin, "plugin"));
            } catch (LocustException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExitException(1, "plugin " + plugin.getName() + " cannot be created: " + e);
            }
        }
        List<CustomOption> custom = customOptions(plugins);
        LocustOptions o = parser.parse(custom, args).options();
        log.info("Starting Locust {}", version());
        if (o.otel()) {
            log.warn("--otel is not available in this build yet; running without OpenTelemetry");
        }
        if (o.list()) {
            out.println("Available Users:");
            code.userClasses().keySet().forEach(n -> out.println("    " + n));
            return 0;
        }
        if (code.userClasses().isEmpty()) {
            throw new ExitException(1, "No User class found! (in " + String.join(", ", code.paths())
                    + "; a user class is a non-abstract subclass of dev.locustj.core.User)");
        }
        List<Class<? extends User>> classes = code.select(o.userClasses());
        Optional<Class<? extends LoadTestShape>> shape = code.shapeClass();
        UserLimit limit = userLimit(o);
        if (shape.isEmpty() && o.users().isPresent() && !o.worker() && o.users().getAsInt() > limit.max()) {
            throw new UsageException(limit.message("argument -u/--users:", o.users().getAsInt()));
        }
        if (shape.isEmpty() && o.users().isPresent()) {
            int fixed = classes.stream().mapToInt(UserClasses::fixedCount).sum();
            if (fixed > o.users().getAsInt()) {
                log.info("Total fixed_count of User classes ({}) is greater than the specified number of users "
                        + "({}), so not all will be spawned.", fixed, o.users().getAsInt());
            }
        }
        if (shape.isPresent() && (o.users().isPresent() || o.spawnRate().isPresent() || o.runTime().isPresent())) {
            List<String> ignored = new ArrayList<>();
            o.runTime().ifPresent(t -> ignored.add("--run-time"));
            o.users().ifPresent(u -> ignored.add("--users"));
            o.spawnRate().ifPresent(s -> ignored.add("--spawn-rate"));
            log.warn("--run-time, --users or --spawn-rate have no impact on LoadShapes unless the shape class "
                    + "explicitly reads them.");
            log.warn("The following option(s) will be ignored: {}", String.join(", ", ignored));
        }

        Environment.Builder b = Environment.builder().userClasses(classes)
                .tags(o.tags()).excludeTags(o.excludeTags()).stopTimeout(o.stopTimeout())
                .resetStats(o.resetStats()).iterations(o.iterations()).equalWeights(o.equalWeights())
                .options(o.raw()).customOptions(custom);
        o.host().ifPresent(b::host);
        shape.ifPresent(b::shapeClass);
        Environment env = b.build(); // validates the classes (tasks present)
        ((DefaultEnvironment) env).requestStats().maxNames(o.maxNames());
        applyConfigUsers(o, code, (DefaultEnvironment) env, limit, log);
        if (o.showTaskRatio() || o.showTaskRatioJson()) {
            TaskRatios ratios = new TaskRatios((DefaultEnvironment) env);
            if (o.showTaskRatio()) {
                ratios.print(out, o.users().orElse(0));
            } else {
                ratios.printJson(out, o.users().orElse(0));
            }
            return 0;
        }
        for (LocustPlugin plugin : plugins) {
            try {
                plugin.init(env);
            } catch (LocustException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExitException(1, "plugin " + plugin.getClass().getName() + " failed in init: " + e);
            }
        }
        Preflight.check(o, (DefaultEnvironment) env, cwd);
        return Modes.select(o, code).run(new Launch(o, code, env, out, err));
    }

    /** Every plugin's custom options, in plugin order (EV-11). */
    private static List<CustomOption> customOptions(List<LocustPlugin> plugins) {
        List<CustomOption> out = new ArrayList<>();
        for (LocustPlugin p : plugins) {
            try {
                out.addAll(p.customOptions());
            } catch (LocustException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExitException(1, "plugin " + p.getClass().getName() + " failed in customOptions: " + e);
            }
        }
        return out;
    }

    /**
     * {@code --help} lists the custom options of the {@code -f} code when it loads (Locust imports the locustfile
     * before printing its help); when it does not (no locustfile here, {@code -f -}), the built-in options only.
     */
    private List<CustomOption> helpCustomOptions(OptionsParser.Result first) {
        String f = first.commandLine().getCommandSpec().findOption("--locustfile").getValue();
        if (f == null || f.strip().equals("-")) {
            return List.of();
        }
        try {
            UserCode code = new UserCodeLoader(cwd).load(f.strip());
            List<LocustPlugin> plugins = new ArrayList<>();
            for (Class<? extends LocustPlugin> plugin : code.plugins()) {
                plugins.add(UserRuntime.construct(plugin, "plugin"));
            }
            return customOptions(plugins);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger("locust.main").debug("--help: the locustfile was not loaded: {}", e.toString());
            return List.of();
        }
    }

    /**
     * CLI-10 {@code --config-users}: Locust applies each object with {@code update_user_class} before the runner
     * exists (so a master does not send them to workers). A class of the locustfile that is not selected is skipped;
     * an unknown class or a bad setting ends the run with exit code -1, as in Locust.
     */
    private static void applyConfigUsers(LocustOptions o, UserCode code, DefaultEnvironment env, UserLimit limit,
                                         Logger log) {
        for (Map<String, Object> config : o.configUsers()) {
            Object name = config.get("user_class_name");
            if (config.get("fixed_count") instanceof Number n && n.longValue() > limit.max()) {
                throw new UsageException(limit.message("argument --config-users: fixed_count of " + name + ":",
                        n.longValue()));
            }
            boolean selected = env.userClasses().stream().anyMatch(c -> UserClasses.name(c).equals(name));
            if (!selected && !code.userClasses().containsKey(String.valueOf(name))) {
                throw new ExitException(-1, "Error applying user config, probably you tried to specify config for a "
                        + "User not present in your locustfile: '" + name + "'");
            }
            if (!selected) {
                log.debug("--config-users: {} is not among the selected user classes; skipped", name);
                continue;
            }
            try {
                env.updateUserClass(config);
            } catch (LocustException e) {
                throw new ExitException(-1, "Error applying user config: " + e.getMessage());
            }
        }
    }

    /**
     * The {@code --max-users} limit of this process: a process that runs users (local, worker) needs more heap per
     * user than a master, which only dispatches them. Above it, {@code -u} and {@code --config-users} are usage
     * errors; the runner itself refuses larger starts from the web UI and caps shapes.
     */
    private static UserLimit userLimit(LocustOptions o) {
        boolean master = o.master() || (o.processes().isPresent() && !o.worker());
        try {
            return UserLimit.of(o.raw(), master ? UserLimit.BYTES_PER_DISPATCHED_USER : UserLimit.BYTES_PER_USER);
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void logCause(Throwable e) {
        if (e.getCause() != null) {
            LoggerFactory.getLogger("locust.main").debug("cause", e.getCause());
        }
    }

    /** This build's version ("0.1.0-SNAPSHOT"), from the jar manifest. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Locust's --version line: "locust X from PATH (Java V)". */
    static String versionLine() {
        String from;
        try {
            from = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            from = "?";
        }
        return "locust " + version() + " from " + from + " (Java " + Runtime.version() + ")";
    }
}
