package dev.locustj.cli.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.cli.LocustOptions;
import dev.locustj.core.ConfigurationException;
import dev.locustj.core.CustomOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the command line with the environment and the configuration files as lower-precedence sources (CFG-01):
 * command line &gt; {@code LOCUST_*} environment variables &gt; {@code --config} file &gt; {@code ./locust.conf}
 * &gt; {@code ~/.locust.conf} &gt; built-in defaults. Bad input becomes a {@link UsageException} (exit 2) or an
 * {@link ExitException} with Locust's exit code.
 */
public final class OptionsParser {

    private static final Set<String> NOT_CONFIG_KEYS = Set.of("help", "version", "config");
    private static final String CUSTOM_SECTION = "customOptions";
    private static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    /** Created on first use only: Jackson's classes take ~0.3 s of one core to load, and most runs never need it. */
    private static final class UsersJson {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The result: options, or a help/version request. */
    public record Result(LocustOptions options, boolean helpRequested, boolean versionRequested,
                         CommandLine commandLine) {
    }

    private final Map<String, String> env;
    private final Path cwd;
    private final Optional<Path> home;
    private final boolean defaultConfigFiles;

    /**
     * @param env  the process environment (System.getenv() in production)
     * @param cwd  where {@code locust.conf} is looked up
     * @param home where {@code .locust.conf} is looked up (empty: not at all)
     */
    public OptionsParser(Map<String, String> env, Path cwd, Optional<Path> home) {
        this(env, cwd, home, true);
    }

    private OptionsParser(Map<String, String> env, Path cwd, Optional<Path> home, boolean defaultConfigFiles) {
        this.env = Map.copyOf(env);
        this.cwd = cwd;
        this.home = home;
        this.defaultConfigFiles = defaultConfigFiles;
    }

    /**
     * Set on the worker JVMs of {@code --processes}: their options come from the parent's command line only, so
     * they read no config file (Locust's children are forks of the parsed parent).
     */
    static final String PROCESSES_CHILD_PROPERTY = "locustj.processes.child";

    /** A parser of the real process environment, working directory and home directory. */
    public static OptionsParser forProcess() {
        String userHome = System.getProperty("user.home", "");
        OptionsParser p = new OptionsParser(System.getenv(), Path.of("").toAbsolutePath(),
                userHome.isEmpty() ? Optional.empty() : Optional.of(Path.of(userHome)));
        return Boolean.getBoolean(PROCESSES_CHILD_PROPERTY) ? p.withoutConfigFiles() : p;
    }

    /** This parser without {@code ~/.locust.conf} and {@code ./locust.conf} ({@code --config} still counts). */
    OptionsParser withoutConfigFiles() {
        return new OptionsParser(env, cwd, home, false);
    }

    /** Parses {@code args} with the built-in options only; throws {@link UsageException} or {@link ExitException}. */
    public Result parse(String... args) {
        return parse(List.of(), false, args);
    }

    /**
     * Parses {@code args} with the built-in options and the user code's {@code custom} options (EV-11, CFG-04):
     * they are read from the command line, their {@code LOCUST_*} variable and the config files like built-in
     * ones, listed in {@code --help} under "Custom options", checked against their type, and end up in
     * {@link LocustOptions#raw()} normalized by {@link CustomOption#parse(String)}.
     *
     * @throws ExitException (code 1) when a custom option has the name of a built-in one
     */
    public Result parse(List<CustomOption> custom, String... args) {
        return parse(custom, false, args);
    }

    /**
     * The first of the launcher's two passes: parses {@code args} like {@link #parse(String...)} but lets options
     * and config-file keys it does not know pass (they may be custom options of the code that {@code -f} names,
     * which is not loaded yet). Only the built-in options of the result count.
     */
    public Result parseLenient(String... args) {
        return parse(List.of(), true, args);
    }

    /** {@link #parseLenient(String...)} with custom options added ({@code --help} of the loaded code). */
    public Result parseLenient(List<CustomOption> custom, String... args) {
        return parse(custom, true, args);
    }

    private Result parse(List<CustomOption> custom, boolean lenient, String... args) {
        LocustCommand cmd = new LocustCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.setOverwrittenOptionsAllowed(true); // like argparse: the last one wins
        cl.setTrimQuotes(false);
        List<String> sections = new ArrayList<>(cl.getHelpSectionKeys()); // user classes after the options
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING);
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST);
        int at = sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1;
        sections.add(at, CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST);
        sections.add(at, CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING);
        cl.setHelpSectionKeys(sections);
        CommandSpec spec = cl.getCommandSpec();
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            byKey.put(key(o), o);
        }
        Map<String, String> envVars = new HashMap<>(LocustCommand.ENV_VARS);
        Map<String, CustomOption> customByKey = addCustomOptions(cl, custom, byKey);
        customByKey.values().forEach(c -> envVars.put(c.name(), c.envVar()));
        cl.setUnmatchedArgumentsAllowed(lenient);

        Map<String, ConfigFile.Entry> config = loadConfigFiles(args, byKey.keySet(), lenient);
        Map<String, String> sourceOf = new HashMap<>();
        cl.setDefaultValueProvider(arg -> defaultValue(arg, config, sourceOf, envVars));

        CommandLine.ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw unmatched(e, spec, customByKey.keySet());
        } catch (CommandLine.ParameterException e) {
            String msg = e.getMessage();
            ArgSpec a = e.getArgSpec();
            if (a instanceof OptionSpec o && sourceOf.containsKey(key(o)) && !onCommandLine(o, args)) {
                msg = msg + " (from " + sourceOf.get(key(o)) + ")";
            }
            throw new UsageException(msg);
        }
        if (pr.isUsageHelpRequested() || pr.isVersionHelpRequested()) {
            return new Result(null, pr.isUsageHelpRequested(), pr.isVersionHelpRequested(), cl);
        }
        Map<String, String> customValues = new LinkedHashMap<>();
        for (CustomOption c : customByKey.values()) {
            OptionSpec o = byKey.get(c.name());
            Object v = o.getValue();
            if (v == null) {
                c.defaultValue().ifPresent(d -> customValues.put(c.name(), d));
                continue;
            }
            try {
                customValues.put(c.name(), c.parse(String.valueOf(v)));
            } catch (ConfigurationException e) {
                String from = sourceOf.containsKey(c.name()) && !onCommandLine(o, args)
                        ? " (from " + sourceOf.get(c.name()) + ")" : "";
                throw new UsageException(e.getMessage() + from);
            }
        }
        return new Result(toOptions(cmd, byKey, customValues), false, false, cl);
    }

    /**
     * Adds the custom options to the picocli model and lists them in a "Custom options" help section after the
     * built-in ones (Locust lists them among its common options; a heading of their own is easier to find). They
     * are hidden from the built-in list only. A name that a built-in option has already is an error, like
     * argparse's "conflicting option string".
     */
    private static Map<String, CustomOption> addCustomOptions(CommandLine cl, List<CustomOption> custom,
                                                              Map<String, OptionSpec> byKey) {
        Map<String, CustomOption> out = new LinkedHashMap<>();
        if (custom.isEmpty()) {
            return out;
        }
        List<OptionSpec> specs = new ArrayList<>();
        for (CustomOption c : custom) {
            if (byKey.containsKey(c.name()) || out.containsKey(c.name())) {
                throw new ExitException(1, "argument --" + c.name() + ": conflicting option string: --" + c.name()
                        + (out.containsKey(c.name()) ? " (declared twice)" : " (a built-in option)"));
            }
            boolean flag = c.type() == CustomOption.Type.FLAG;
            String label = c.choices().isEmpty() ? "<" + c.type().name().toLowerCase(Locale.ROOT) + ">"
                    : "{" + String.join(",", c.choices()) + "}" + (c.isMultiple() ? "[,...]" : "");
            StringBuilder help = new StringBuilder(c.helpText());
            help.append(help.isEmpty() ? "" : " ").append("[env ").append(c.envVar());
            c.defaultValue().filter(d -> !flag).ifPresent(d -> help.append(", default ").append(d));
            help.append("]");
            OptionSpec o = OptionSpec.builder("--" + c.name())
                    .type(flag ? boolean.class : String.class).arity(flag ? "0" : "1")
                    .paramLabel(label).description(help.toString()).hidden(true).build();
            cl.getCommandSpec().addOption(o);
            specs.add(o);
            out.put(c.name(), c);
            byKey.put(c.name(), o);
        }
        cl.getHelpSectionMap().put(CUSTOM_SECTION, h -> {
            CommandLine.Help.Layout layout = h.createDefaultLayout();
            specs.forEach(o -> layout.addOption(o, h.parameterLabelRenderer()));
            return h.createHeading("%nCustom options:%n") + layout;
        });
        List<String> sections = new ArrayList<>(cl.getHelpSectionKeys());
        sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1,
                CUSTOM_SECTION);
        cl.setHelpSectionKeys(sections);
        return out;
    }

    /** Reads ~/.locust.conf, ./locust.conf and the --config file, in increasing precedence; checks the keys. */
    private Map<String, ConfigFile.Entry> loadConfigFiles(String[] args, Collection<String> known, boolean lenient) {
        List<ConfigFile.Entry> entries = new ArrayList<>();
        if (defaultConfigFiles) {
            home.map(h -> h.resolve(".locust.conf")).filter(Files::isRegularFile)
                    .ifPresent(p -> entries.addAll(ConfigFile.read(p)));
            Path local = cwd.resolve("locust.conf");
            if (Files.isRegularFile(local)) {
                entries.addAll(ConfigFile.read(local));
            }
        }
        configArg(args).ifPresent(c -> {
            Path p = cwd.resolve(c);
            if (!Files.isRegularFile(p)) {
                throw new UsageException("config file not found: " + c);
            }
            entries.addAll(ConfigFile.read(p));
        });
        Set<String> keys = new TreeSet<>(known);
        keys.removeAll(NOT_CONFIG_KEYS);
        for (ConfigFile.Entry e : entries) {
            if (!keys.contains(e.key()) && !lenient) {
                String hint = DidYouMean.closest(e.key(), keys).map(k -> " (did you mean '" + k + "'?)").orElse("");
                throw new UsageException("unknown option '" + e.key() + "' in config file " + e.where() + hint);
            }
        }
        return ConfigFile.byKey(entries);
    }

    private static Optional<String> configArg(String[] args) {
        String found = null;
        for (int i = 0; i < args.length; i++) {
            if ("--".equals(args[i])) {
                break;
            }
            if ("--config".equals(args[i])) {
                if (i + 1 >= args.length) {
                    throw new UsageException("argument --config: expected one argument");
                }
                found = args[++i];
            } else if (args[i].startsWith("--config=")) {
                found = args[i].substring("--config=".length());
            }
        }
        return Optional.ofNullable(found);
    }

    private String defaultValue(ArgSpec arg, Map<String, ConfigFile.Entry> config, Map<String, String> sourceOf,
                                Map<String, String> envVars) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        String k = key(o);
        String envName = envVars.get(k);
        if (envName != null) {
            String v = env.get(envName);
            if (v != null && !v.isEmpty()) {
                String where = "environment variable " + envName;
                sourceOf.put(k, where);
                return normalize(o, v, where);
            }
        }
        ConfigFile.Entry e = config.get(k);
        if (e != null) {
            String where = "config file " + e.where();
            sourceOf.put(k, where);
            return normalize(o, e.value(), where);
        }
        return null;
    }

    /** Flags accept true/false/yes/no/1/0/on/off; lists accept "[a, b]", "a,b" and "a b" (CFG-02, CFG-03). */
    static String normalize(OptionSpec o, String value, String where) {
        String v = value.strip();
        if (o.type() == boolean.class || o.type() == Boolean.class) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> "true";
                case "false", "no", "0", "off", "" -> "false";
                default -> throw new UsageException("argument " + o.longestName() + ": expected true/false/yes/no/"
                        + "1/0, got '" + value + "' (from " + where + ")");
            };
        }
        if (o.longestName().equals("--config-users")) {
            return v; // one JSON value or file name; never split
        }
        if (o.isMultiValue()) {
            String list = ConfigFile.listValue(v);
            return String.join(",", Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
        }
        return v;
    }

    private static boolean onCommandLine(OptionSpec o, String[] args) {
        for (String a : args) {
            for (String n : o.names()) {
                boolean attachedShort = n.length() == 2 && a.startsWith(n) && !a.startsWith("--");
                if (a.equals(n) || a.startsWith(n + "=") || attachedShort) {
                    return true;
                }
            }
        }
        return false;
    }

    private static UsageException unmatched(CommandLine.UnmatchedArgumentException e, CommandSpec spec,
                                            Set<String> custom) {
        List<String> unmatched = e.getUnmatched();
        String bad = unmatched.stream().filter(s -> s.startsWith("-")).findFirst()
                .orElse(unmatched.isEmpty() ? "?" : unmatched.get(0));
        String badName = bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden() || custom.contains(key(o))) { // custom options are hidden from the built-in list
                names.addAll(Arrays.asList(o.names()));
            }
        }
        String hint = DidYouMean.closest(badName, names).map(n -> " Did you mean '" + n + "'?").orElse("");
        return new UsageException("unrecognized arguments: " + String.join(" ", unmatched) + "." + hint);
    }

    /** The long name without dashes ("spawn-rate"); config keys and {@link LocustOptions#raw()} use it. */
    static String key(OptionSpec o) {
        String n = o.longestName();
        return n.replaceFirst("^-+", "");
    }

    private LocustOptions toOptions(LocustCommand c, Map<String, OptionSpec> byKey,
                                    Map<String, String> customValues) {
        rejectRemoved(c);
        if (c.users != null && c.users < 0) {
            throw new UsageException("argument -u/--users: must be >= 0, got " + c.users);
        }
        if (c.maxUsers != null && c.maxUsers < 1) {
            throw new UsageException("argument --max-users: must be > 0, got " + c.maxUsers);
        }
        if (c.spawnRate != null && !(c.spawnRate > 0 && Double.isFinite(c.spawnRate))) {
            throw new UsageException("argument -r/--spawn-rate: must be > 0");
        }
        // Like Locust, -t 0 (or 0s) sets no limit: it tests the parsed seconds for truth
        Optional<Duration> runTime = Optional.ofNullable(c.runTime).map(t -> timespan("-t/--run-time", t))
                .filter(t -> !t.isZero());
        Duration stopTimeout = timespan("-s/--stop-timeout", c.stopTimeout);
        String level = c.loglevel.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new UsageException("argument -L/--loglevel: invalid choice: '" + c.loglevel
                    + "' (choose from 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')");
        }
        if (c.csvFullHistory && c.csv == null) {
            throw new UsageException("'--csv-full-history' requires '--csv'.");
        }
        if (c.expectWorkers < 1) {
            throw new UsageException("argument --expect-workers: Invalid --expect-workers argument ("
                    + c.expectWorkers + "), must be a positive number");
        }
        if (c.maxNames < 1) {
            throw new UsageException("argument --max-names: must be a positive number, got " + c.maxNames);
        }
        if (c.iterations < 0) {
            throw new UsageException("argument -i/--iterations: must be >= 0, got " + c.iterations);
        }
        port("-P/--web-port", c.webPort);
        port("--master-bind-port", c.masterBindPort);
        port("--master-port", c.masterPort);
        if (c.checkFailRatio != null && !(c.checkFailRatio >= 0 && c.checkFailRatio <= 1)) {
            throw new UsageException("argument --check-fail-ratio: must be between 0 and 1");
        }
        boolean headless = c.headless && !c.headful;
        if (c.autoquit != -1 && !c.autostart) {
            throw new ExitException(1, "--autoquit is only meaningful in combination with --autostart");
        }
        if (c.autoquit < -1) {
            throw new UsageException("argument --autoquit: must be >= 0 (or -1 for never)");
        }
        if (c.master && c.worker) {
            throw new ExitException(-1, "The --master argument cannot be combined with --worker");
        }
        if (c.processes != null) {
            if (c.processes < -1 || c.processes == 0) {
                throw new ExitException(1, "Invalid --processes count " + c.processes);
            }
            if (c.master) {
                throw new ExitException(1, "--master cannot be combined with --processes. Remove --master, as it is "
                        + "implicit as long as --worker is not set.");
            }
        }
        if (!c.webBasePath.isEmpty() && !c.webBasePath.startsWith("/")) {
            throw new ExitException(1, "Invalid format for --web-base-path argument (" + c.webBasePath
                    + "): the url path must start with a slash.");
        }
        if ((c.tlsCert.isEmpty()) != (c.tlsKey.isEmpty())) {
            throw new ExitException(1, "--tls-cert and --tls-key must be given together");
        }
        List<String> userClasses = new ArrayList<>(c.userClasses);
        if (userClasses.isEmpty()) {
            String fromEnv = env.getOrDefault(LocustCommand.USER_CLASSES_ENV, "").strip();
            if (!fromEnv.isEmpty()) {
                userClasses.addAll(Arrays.asList(fromEnv.split("\\s+")));
            }
        }
        int exitCodeOnError = c.checkFailRatio != null ? 0 : c.exitCodeOnError;

        Map<String, String> raw = new LinkedHashMap<>();
        for (Map.Entry<String, OptionSpec> e : byKey.entrySet()) {
            OptionSpec o = e.getValue();
            if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v == null) {
                continue;
            }
            raw.put(e.getKey(), v instanceof Collection<?> col
                    ? String.join(",", col.stream().map(String::valueOf).toList()) : String.valueOf(v));
        }
        raw.put("headless", String.valueOf(headless));
        raw.put("loglevel", level);
        raw.putAll(customValues);

        return new LocustOptions(
                c.locustfile.strip(), opt(c.host), c.users == null ? OptionalInt.empty() : OptionalInt.of(c.users),
                c.spawnRate == null ? OptionalDouble.empty() : OptionalDouble.of(c.spawnRate), runTime, c.list,
                c.webHost, opt(c.webHostDisplayName), c.webPort, headless, c.autostart, c.autoquit, c.webLogin,
                opt(c.tlsCert), opt(c.tlsKey), c.classPicker, c.webBasePath,
                c.master, c.masterBindHost, c.masterBindPort, c.expectWorkers, c.expectWorkersMaxWait,
                c.enableRebalancing, c.worker,
                c.processes == null ? OptionalInt.empty() : OptionalInt.of(c.processes), c.masterHost, c.masterPort,
                clean(c.tags), clean(c.excludeTags),
                opt(c.csv), c.csvFullHistory, c.printStats, c.onlySummary, c.resetStats, opt(c.html), c.json,
                opt(c.jsonFile), c.skipLogSetup, level, opt(c.logfile),
                c.showTaskRatio, c.showTaskRatioJson, exitCodeOnError, stopTimeout, c.equalWeights, c.iterations,
                opt(c.profile), c.otel, optD(c.checkFailRatio), optD(c.checkRps), optD(c.checkAvgResponseTime),
                configUsers(c.configUsers), userClasses, raw);
    }

    private static void rejectRemoved(LocustCommand c) {
        if (c.hatchRate != null) {
            throw new UsageException("The --hatch-rate parameter has been renamed --spawn-rate");
        }
        if (c.legacyUi) {
            throw new UsageException("--legacy-ui is no longer supported, remove the parameter to continue");
        }
        if (c.expectSlaves != null) {
            throw new UsageException("The --expect-slaves parameter has been renamed --expect-workers");
        }
        if (c.slave) {
            throw new UsageException("The --slave parameter has been renamed --worker");
        }
        if (c.stepLoad != null) {
            throw new UsageException("The step load options were removed (Locust 2.13); use a LoadTestShape");
        }
    }

    /**
     * CLI-10, Locust's {@code json_user_config}: each argument is a JSON object or array of objects, or the path of a
     * {@code .json} file holding one; every object needs a {@code user_class_name}. Bad JSON, a missing file or a
     * missing name is a usage error (exit 2), as in Locust's argument parser.
     */
    List<Map<String, Object>> configUsers(List<String> args) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arg : args) {
            Object parsed;
            try {
                if (arg.endsWith(".json")) {
                    Path p = cwd.resolve(arg);
                    if (!Files.isRegularFile(p)) {
                        throw new UsageException("argument --config-users: [Errno 2] No such file or directory: '"
                                + arg + "'");
                    }
                    parsed = UsersJson.MAPPER.readValue(p.toFile(), Object.class);
                } else {
                    parsed = UsersJson.MAPPER.readValue(arg, Object.class);
                }
            } catch (JsonProcessingException e) {
                throw new UsageException("argument --config-users: The --config-users argument must be a valid JSON "
                        + "string or file: " + jsonError(e));
            } catch (IOException e) {
                throw new UsageException("argument --config-users: cannot read " + arg + ": " + e.getMessage());
            }
            List<?> configs = parsed instanceof List<?> l ? l : Collections.singletonList(parsed);
            for (Object config : configs) {
                if (!(config instanceof Map<?, ?> m) || !m.containsKey("user_class_name")) {
                    throw new UsageException("argument --config-users: The user config must specify a "
                            + "user_class_name");
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                out.add(copy);
            }
        }
        return out;
    }

    private static String jsonError(JsonProcessingException e) {
        String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
        JsonLocation at = e.getLocation();
        return at == null ? msg : msg + ": line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static Duration timespan(String name, String value) {
        try {
            return Timespan.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("argument " + name + ": " + e.getMessage());
        }
    }

    private static void port(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new UsageException("argument " + name + ": not a port number: " + port);
        }
    }

    private static Optional<String> opt(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static OptionalDouble optD(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    private static List<String> clean(List<String> l) {
        return l.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
