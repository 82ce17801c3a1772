package dev.locustj.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The picocli model of the {@code locust} command line (CLI-01..59): Locust's long and short names, defaults and
 * help texts. Values come from the command line, else from {@link #ENV_VARS} or a config file (see
 * {@link ConfigSources}). {@link OptionsParser} turns it into a {@link dev.locustj.cli.LocustOptions}.
 */
@Command(name = "locust", mixinStandardHelpOptions = false, sortOptions = false, usageHelpWidth = 120,
        synopsisHeading = "", customSynopsis = "Usage: locust [options] [UserClass ...]",
        optionListHeading = "%nOptions:%n", parameterListHeading = "%nUser classes:%n",
        footerHeading = "%nExamples:%n",
        footer = {"",
            "    locust -f my_test.jar -H https://www.example.com",
            "",
            "    locust --headless -u 100 -t 20m -f MyTest.java MyHttpUser AnotherUser",
            "",
            "    locust --headless -u 100 -r 10 -t 50 --csv results/run1 -f tests.jar",
            "",
            "Options can also be set with LOCUST_* environment variables and in locust.conf, ~/.locust.conf or a "
                + "--config file: see docs/configuration.md."})
public final class LocustCommand {

    /** The environment variable of each option that has one (CFG-03), by long name without dashes. */
    public static final Map<String, String> ENV_VARS = Map.ofEntries(
            Map.entry("locustfile", "LOCUST_LOCUSTFILE"),
            Map.entry("host", "LOCUST_HOST"),
            Map.entry("users", "LOCUST_USERS"),
            Map.entry("spawn-rate", "LOCUST_SPAWN_RATE"),
            Map.entry("hatch-rate", "LOCUST_HATCH_RATE"),
            Map.entry("run-time", "LOCUST_RUN_TIME"),
            Map.entry("config-users", "LOCUST_CONFIG_USERS"),
            Map.entry("max-users", "LOCUST_MAX_USERS"),
            Map.entry("web-host", "LOCUST_WEB_HOST"),
            Map.entry("web-host-display-name", "LOCUST_WEB_HOST_DISPLAY_NAME"),
            Map.entry("web-port", "LOCUST_WEB_PORT"),
            Map.entry("headless", "LOCUST_HEADLESS"),
            Map.entry("autostart", "LOCUST_AUTOSTART"),
            Map.entry("autoquit", "LOCUST_AUTOQUIT"),
            Map.entry("headful", "LOCUST_HEADFUL"),
            Map.entry("web-auth", "LOCUST_WEB_AUTH"),
            Map.entry("web-login", "LOCUST_WEB_LOGIN"),
            Map.entry("tls-cert", "LOCUST_TLS_CERT"),
            Map.entry("tls-key", "LOCUST_TLS_KEY"),
            Map.entry("class-picker", "LOCUST_USERCLASS_PICKER"),
            Map.entry("legacy-ui", "LOCUST_LEGACY_UI"),
            Map.entry("web-base-path", "LOCUST_WEB_BASE_PATH"),
            Map.entry("master", "LOCUST_MODE_MASTER"),
            Map.entry("master-bind-host", "LOCUST_MASTER_BIND_HOST"),
            Map.entry("master-bind-port", "LOCUST_MASTER_BIND_PORT"),
            Map.entry("expect-workers", "LOCUST_EXPECT_WORKERS"),
            Map.entry("expect-workers-max-wait", "LOCUST_EXPECT_WORKERS_MAX_WAIT"),
            Map.entry("worker", "LOCUST_MODE_WORKER"),
            Map.entry("processes", "LOCUST_PROCESSES"),
            Map.entry("master-host", "LOCUST_MASTER_NODE_HOST"),
            Map.entry("master-port", "LOCUST_MASTER_NODE_PORT"),
            Map.entry("tags", "LOCUST_TAGS"),
            Map.entry("exclude-tags", "LOCUST_EXCLUDE_TAGS"),
            Map.entry("csv", "LOCUST_CSV"),
            Map.entry("csv-full-history", "LOCUST_CSV_FULL_HISTORY"),
            Map.entry("print-stats", "LOCUST_PRINT_STATS"),
            Map.entry("only-summary", "LOCUST_ONLY_SUMMARY"),
            Map.entry("reset-stats", "LOCUST_RESET_STATS"),
            Map.entry("max-names", "LOCUST_MAX_NAMES"),
            Map.entry("html", "LOCUST_HTML"),
            Map.entry("skip-log-setup", "LOCUST_SKIP_LOG_SETUP"),
            Map.entry("loglevel", "LOCUST_LOGLEVEL"),
            Map.entry("logfile", "LOCUST_LOGFILE"),
            Map.entry("exit-code-on-error", "LOCUST_EXIT_CODE_ON_ERROR"),
            Map.entry("stop-timeout", "LOCUST_STOP_TIMEOUT"),
            Map.entry("otel", "LOCUST_ENABLE_OPENTELEMETRY"),
            Map.entry("iterations", "LOCUST_ITERATIONS"),
            Map.entry("check-fail-ratio", "LOCUST_CHECK_FAIL_RATIO"),
            Map.entry("check-rps", "LOCUST_CHECK_RPS"),
            Map.entry("check-avg-response-time", "LOCUST_CHECK_AVG_RESPONSE_TIME"));

    /** Environment variable with the positional user class names, space-separated (LF-07). */
    public static final String USER_CLASSES_ENV = "LOCUST_USER_CLASSES";

    // ---- Common options ----

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit")
    boolean help;

    @Option(names = {"-f", "--locustfile"}, paramLabel = "<filename>", defaultValue = "locustfile",
            description = "The test code: a .jar, a directory of .class files, a single .java file (compiled on "
                    + "the fly), or a comma-separated list of them. Defaults to 'locustfile' (which tries "
                    + "locustfile.jar, locustfile.java, Locustfile.java and a directory named locustfile). '-' on a "
                    + "--worker downloads the master's.")
    String locustfile;

    @Option(names = "--config", paramLabel = "<filename>",
            description = "File to read additional configuration from (key = value lines, like locust.conf)")
    String config;

    @Option(names = {"-H", "--host"}, paramLabel = "<base url>",
            description = "Host to load test, in the following format: https://www.example.com")
    String host;

    @Option(names = {"-u", "--users"}, paramLabel = "<int>",
            description = "Peak number of concurrent Locust users. Primarily used together with --headless or "
                    + "--autostart. Can be changed during a test by keyboard inputs w, W (spawn 1, 10 users) and "
                    + "s, S (stop 1, 10 users)")
    Integer users;

    @Option(names = {"-r", "--spawn-rate"}, paramLabel = "<float>",
            description = "Rate to spawn users at (users per second). Primarily used together with --headless or "
                    + "--autostart")
    Double spawnRate;

    @Option(names = "--hatch-rate", hidden = true, paramLabel = "<float>")
    String hatchRate;

    @Option(names = {"-t", "--run-time"}, paramLabel = "<time string>",
            description = "Stop after the specified amount of time, e.g. (300s, 20m, 3h, 1h30m, etc.). Only used "
                    + "together with --headless or --autostart. Defaults to run forever.")
    String runTime;

    @Option(names = {"-l", "--list"}, description = "Show list of possible User classes and exit")
    boolean list;

    @Option(names = "--config-users", arity = "0..*", paramLabel = "<json>",
            description = "User configuration as a JSON string or file. A list of arguments or an Array of JSON "
                    + "configuration may be provided")
    List<String> configUsers = new ArrayList<>();

    @Option(names = "--max-users", paramLabel = "<int>",
            description = "The most users this process starts (-u, the web UI, shapes). Default: what the maximum "
                    + "heap holds, 12 KB of heap per user (on a master: 256 bytes per user)")
    Integer maxUsers;

    // ---- Web UI options ----

    @Option(names = "--web-host", paramLabel = "<ip>", defaultValue = "",
            description = "Host to bind the web interface to. Defaults to '*' (all interfaces)")
    String webHost;

    @Option(names = "--web-host-display-name", hidden = true)
    String webHostDisplayName;

    @Option(names = {"-P", "--web-port"}, paramLabel = "<port number>", defaultValue = "8089",
            description = "Port on which to run web host")
    int webPort;

    @Option(names = "--headless",
            description = "Disable the web interface, and start the test immediately. Use -u and -t to control "
                    + "user count and run time")
    boolean headless;

    @Option(names = "--autostart",
            description = "Starts the test immediately (like --headless, but without disabling the web UI)")
    boolean autostart;

    @Option(names = "--autoquit", paramLabel = "<seconds>", defaultValue = "-1",
            description = "Quits Locust entirely, X seconds after the run is finished. Only used together with "
                    + "--autostart. The default is to keep Locust running until you shut it down using CTRL+C")
    int autoquit;

    @Option(names = "--headful", hidden = true)
    boolean headful;

    @Option(names = "--web-auth", paramLabel = "<user:pass>",
            description = "Turn on Basic Auth for the web interface. Should be supplied in the following format: "
                    + "username:password")
    String webAuth;

    @Option(names = "--web-login",
            description = "Protects the web interface with a login page")
    boolean webLogin;

    @Option(names = "--tls-cert", paramLabel = "<filename>", defaultValue = "",
            description = "Optional path to TLS certificate to use to serve over HTTPS")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "<filename>", defaultValue = "",
            description = "Optional path to TLS private key to use to serve over HTTPS")
    String tlsKey;

    @Option(names = "--class-picker",
            description = "Enable select boxes in the web interface to choose from all available User classes "
                    + "and Shape classes")
    boolean classPicker;

    @Option(names = "--web-base-path", paramLabel = "<path>", defaultValue = "",
            description = "Base path for the web interface (e.g., '/locust'). Default is empty (root path).")
    String webBasePath;

    @Option(names = {"--legacy-ui", "--modern-ui"}, hidden = true)
    boolean legacyUi;

    // ---- Master options ----

    @Option(names = "--master", description = "Launch locust as a master node, to which worker nodes connect.")
    boolean master;

    @Option(names = "--master-bind-host", paramLabel = "<ip>", defaultValue = "*",
            description = "IP address for the master to listen on, e.g '192.168.1.1'. Defaults to * (all "
                    + "available interfaces).")
    String masterBindHost;

    @Option(names = "--master-bind-port", paramLabel = "<port number>", defaultValue = "5557",
            description = "Port for the master to listen on. Defaults to 5557.")
    int masterBindPort;

    @Option(names = "--expect-workers", paramLabel = "<int>", defaultValue = "1",
            description = "Delay starting the test until this number of workers have connected (only used in "
                    + "combination with --headless/--autostart).")
    int expectWorkers;

    @Option(names = "--expect-workers-max-wait", paramLabel = "<int>", defaultValue = "0",
            description = "How long should the master wait for workers to connect before giving up. Defaults to "
                    + "wait forever")
    int expectWorkersMaxWait;

    @Option(names = "--enable-rebalancing",
            description = "Re-distribute users if new workers are added or removed during a test run. "
                    + "Experimental.")
    boolean enableRebalancing;

    @Option(names = "--expect-slaves", hidden = true, arity = "0..1")
    String expectSlaves;

    // ---- Worker options ----

    @Option(names = "--worker",
            description = "Set locust to run in distributed mode with this process as worker. Can be combined with "
                    + "setting --locustfile to '-' to download it from master.")
    boolean worker;

    @Option(names = "--processes", paramLabel = "<int>",
            description = "Number of worker processes to start (-1: one per CPU). Combine with --worker, or let "
                    + "this process become the master. Experimental.")
    Integer processes;

    @Option(names = "--slave", hidden = true)
    boolean slave;

    @Option(names = {"--step-load", "--step-users", "--step-clients", "--step-time"}, hidden = true,
            arity = "0..1")
    String stepLoad;

    @Option(names = "--master-host", paramLabel = "<hostname>", defaultValue = "127.0.0.1",
            description = "Hostname of locust master node to connect to. Defaults to 127.0.0.1.")
    String masterHost;

    @Option(names = "--master-port", paramLabel = "<port number>", defaultValue = "5557",
            description = "Port to connect to on master node. Defaults to 5557.")
    int masterPort;

    // ---- Tag options ----

    @Option(names = {"-T", "--tags"}, arity = "0..*", split = ",", paramLabel = "<tag>",
            description = "List of tags to include in the test, so only tasks with at least one matching tag "
                    + "will be executed")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-E", "--exclude-tags"}, arity = "0..*", split = ",", paramLabel = "<tag>",
            description = "List of tags to exclude from the test, so only tasks with no matching tags will be "
                    + "executed")
    List<String> excludeTags = new ArrayList<>();

    // ---- Request statistics options ----

    @Option(names = "--csv", paramLabel = "<filename>",
            description = "Store request stats to files in CSV format. Setting this option will generate four "
                    + "files: <filename>_stats.csv, <filename>_stats_history.csv, <filename>_failures.csv and "
                    + "<filename>_exceptions.csv. Any folders part of the prefix will be automatically created")
    String csv;

    @Option(names = "--csv-full-history",
            description = "Store each stats entry in CSV format to _stats_history.csv file. You must also specify "
                    + "the '--csv' argument to enable this.")
    boolean csvFullHistory;

    @Option(names = "--print-stats", description = "Enable periodic printing of request stats in UI runs")
    boolean printStats;

    @Option(names = "--only-summary", description = "Disable periodic printing of request stats during --headless run")
    boolean onlySummary;

    @Option(names = "--reset-stats",
            description = "Reset statistics once spawning has been completed. Should be set on both master and "
                    + "workers when running in distributed mode")
    boolean resetStats;

    @Option(names = "--max-names", paramLabel = "<int>", defaultValue = "1000",
            description = "Warn once when more than this many distinct request names have been seen (naming the "
                    + "pattern most new names share; group them with name(...)). Past 10 times this many, requests "
                    + "to new names are counted under the name '(other)' of their method. Default 1000.")
    int maxNames;

    @Option(names = "--html", paramLabel = "<filename>",
            description = "Store HTML report to file path specified. Able to parse certain tags - {u}, {r}, {t} "
                    + "and convert them to number of users, spawn rate and run time respectively.")
    String html;

    @Option(names = "--json",
            description = "Prints the final stats in JSON format to stdout. Useful for parsing the results in "
                    + "other programs/scripts. Use together with --headless and --skip-log-setup for an output only "
                    + "with the json data.")
    boolean json;

    @Option(names = "--json-file", paramLabel = "<filename>",
            description = "Writes the final stats in JSON format to <filename>.json (the console tables are then "
                    + "skipped).")
    String jsonFile;

    // ---- Logging options ----

    @Option(names = "--skip-log-setup",
            description = "Disable Locust's logging setup. Instead, the configuration is provided by the Locust "
                    + "test or Logback defaults.")
    boolean skipLogSetup;

    @Option(names = {"-L", "--loglevel"}, paramLabel = "<level>", defaultValue = "INFO",
            description = "Choose between DEBUG/INFO/WARNING/ERROR/CRITICAL. Default is INFO.")
    String loglevel;

    @Option(names = "--logfile", paramLabel = "<filename>",
            description = "Path to log file. If not set, log will go to stderr")
    String logfile;

    // ---- Other options ----

    @Option(names = "--show-task-ratio",
            description = "Print table of the User classes' task execution ratio. Use this with non-zero --user "
                    + "option if some classes define non-zero fixed_count attribute.")
    boolean showTaskRatio;

    @Option(names = "--show-task-ratio-json",
            description = "Print json data of the User classes' task execution ratio. Use this with non-zero "
                    + "--user option if some classes define non-zero fixed_count attribute.")
    boolean showTaskRatioJson;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show program's version number and exit")
    boolean version;

    @Option(names = "--exit-code-on-error", paramLabel = "<int>", defaultValue = "1",
            description = "Sets the process exit code to use when a test result contain any failure or error. "
                    + "Defaults to 1.")
    int exitCodeOnError;

    @Option(names = {"-s", "--stop-timeout"}, paramLabel = "<number>", defaultValue = "0",
            description = "Number of seconds to wait for a simulated user to complete any executing task before "
                    + "exiting (a time span like 30s or 1m works too). Default is to terminate immediately. When "
                    + "running distributed, this only needs to be specified on the master.")
    String stopTimeout;

    @Option(names = "--equal-weights",
            description = "Use equally distributed task weights, overriding the weights specified in the "
                    + "locustfile.")
    boolean equalWeights;

    @Option(names = {"-i", "--iterations"}, paramLabel = "<int>", defaultValue = "0",
            description = "Stop after this many task iterations in total (counted in this process). The test "
                    + "ends when the last user stops. Default 0: no limit.")
    long iterations;

    @Option(names = "--profile", paramLabel = "<name>", description = "Set a profile to group the testruns together")
    String profile;

    @Option(names = "--otel", description = "Instrument the Locust test run with OpenTelemetry (not available in "
            + "this build yet).")
    boolean otel;

    @Option(names = "--check-fail-ratio", paramLabel = "<float>",
            description = "At the end of the run, set exit code 3 if the failure ratio (0..1) is above this "
                    + "(also sets --exit-code-on-error to 0)")
    Double checkFailRatio;

    @Option(names = "--check-rps", paramLabel = "<float>",
            description = "At the end of the run, set exit code 3 if the total requests/s are below this")
    Double checkRps;

    @Option(names = "--check-avg-response-time", paramLabel = "<ms>",
            description = "At the end of the run, set exit code 3 if the average response time (ms) is above this")
    Double checkAvgResponseTime;

    // ---- User classes ----

    @Parameters(arity = "0..*", paramLabel = "<UserClass1 UserClass2>",
            description = "At the end of the command line, you can list User classes to be used (available User "
                    + "classes can be listed with --list). LOCUST_USER_CLASSES environment variable can also be "
                    + "used to specify User classes. Default is to use all available User classes")
    List<String> userClasses = new ArrayList<>();
}
