package dev.locustj.cli;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Every option of one {@code locust} run after the command line, the {@code LOCUST_*} environment variables and
 * the configuration files were merged (CFG-01). Immutable; handed to the web and runner modules by the launcher.
 * Names follow Locust's long options; see docs/configuration.md for each one.
 *
 * @param locustfile           {@code -f}: jar, class directory, .java file, or a comma-separated list of them
 * @param host                 {@code -H}: the base URL
 * @param users                {@code -u}: peak number of users (empty: 1 in headless/autostart runs)
 * @param spawnRate            {@code -r}: users started (or stopped) per second (empty: 1)
 * @param runTime              {@code -t}: stop after this long (headless/autostart)
 * @param list                 {@code -l}: list the user classes and exit
 * @param webHost              {@code --web-host}: interface of the web UI ("" or "*": all)
 * @param webHostDisplayName   {@code --web-host-display-name}: URL shown in the start log
 * @param webPort              {@code -P}: web UI port
 * @param headless             {@code --headless}: no web UI, start at once ({@code --headful} turns it off)
 * @param autostart            {@code --autostart}: start at once and keep the web UI
 * @param autoquit             {@code --autoquit}: quit this many seconds after an autostart run ended (-1: never)
 * @param webLogin             {@code --web-login}: protect the web UI with a login page
 * @param tlsCert              {@code --tls-cert}: certificate for HTTPS
 * @param tlsKey               {@code --tls-key}: private key for HTTPS
 * @param classPicker          {@code --class-picker}: choose user classes and shapes in the web UI
 * @param webBasePath          {@code --web-base-path}: serve the web UI under this prefix ("" or "/x")
 * @param master               {@code --master}: run as the master of a distributed run
 * @param masterBindHost       {@code --master-bind-host}: interface the master listens on ("*": all)
 * @param masterBindPort       {@code --master-bind-port}: port the master listens on
 * @param expectWorkers        {@code --expect-workers}: workers to wait for before a headless start
 * @param expectWorkersMaxWait {@code --expect-workers-max-wait}: seconds to wait for them (0: forever)
 * @param enableRebalancing    {@code --enable-rebalancing}: redistribute users when workers come or go
 * @param worker               {@code --worker}: run as a worker
 * @param processes            {@code --processes}: start this many worker processes (-1: one per CPU)
 * @param masterHost           {@code --master-host}: the master a worker connects to
 * @param masterPort           {@code --master-port}: the master's port
 * @param tags                 {@code -T}: only tasks with one of these tags
 * @param excludeTags          {@code -E}: no task with one of these tags
 * @param csvPrefix            {@code --csv}: write PREFIX_stats.csv etc.
 * @param csvFullHistory       {@code --csv-full-history}: every entry in PREFIX_stats_history.csv
 * @param printStats           {@code --print-stats}: periodic console table in web UI runs too
 * @param onlySummary          {@code --only-summary}: no periodic console table
 * @param resetStats           {@code --reset-stats}: reset the stats when the ramp-up completes
 * @param html                 {@code --html}: write the HTML report to this file at the end
 * @param json                 {@code --json}: print the final stats as JSON on stdout
 * @param jsonFile             {@code --json-file}: write the final stats as JSON to NAME.json
 * @param skipLogSetup         {@code --skip-log-setup}: leave the logging configuration alone
 * @param loglevel             {@code -L}: DEBUG, INFO, WARNING, ERROR or CRITICAL
 * @param logfile              {@code --logfile}: log to this file instead of stderr
 * @param showTaskRatio        {@code --show-task-ratio}: print the task ratios and exit
 * @param showTaskRatioJson    {@code --show-task-ratio-json}: the same as JSON
 * @param exitCodeOnError      {@code --exit-code-on-error}: exit code when any request failed or task raised
 * @param stopTimeout          {@code -s}: how long stopping users may finish their task
 * @param equalWeights         {@code --equal-weights}: every class and task gets the same weight
 * @param iterations           {@code -i}: stop after this many task iterations in total (0: no limit)
 * @param profile              {@code --profile}: a label for the run
 * @param otel                 {@code --otel}: accepted for compatibility; only logs that OpenTelemetry is not supported
 * @param checkFailRatio       {@code --check-fail-ratio}: exit code 3 when the failure ratio is above this
 * @param checkRps             {@code --check-rps}: exit code 3 when the total request rate is below this
 * @param checkAvgResponseTime {@code --check-avg-response-time}: exit code 3 when the average time (ms) is above
 * @param configUsers          {@code --config-users} (CLI-10): the user-class settings objects, in order, as read
 *                             from the JSON (each has a {@code user_class_name}; applied with
 *                             {@code Environment.updateUserClass} at start-up)
 * @param userClasses          positional names: the user classes to run (empty: all)
 * @param raw                  every option by long name without dashes, as text ({@code Environment.options()})
 */
public record LocustOptions(
        String locustfile, Optional<String> host, OptionalInt users, OptionalDouble spawnRate,
        Optional<Duration> runTime, boolean list,
        String webHost, Optional<String> webHostDisplayName, int webPort, boolean headless, boolean autostart,
        int autoquit, boolean webLogin, Optional<String> tlsCert, Optional<String> tlsKey, boolean classPicker,
        String webBasePath,
        boolean master, String masterBindHost, int masterBindPort, int expectWorkers, int expectWorkersMaxWait,
        boolean enableRebalancing, boolean worker, OptionalInt processes, String masterHost, int masterPort,
        List<String> tags, List<String> excludeTags,
        Optional<String> csvPrefix, boolean csvFullHistory, boolean printStats, boolean onlySummary,
        boolean resetStats, Optional<String> html, boolean json, Optional<String> jsonFile,
        boolean skipLogSetup, String loglevel, Optional<String> logfile,
        boolean showTaskRatio, boolean showTaskRatioJson, int exitCodeOnError, Duration stopTimeout,
        boolean equalWeights, long iterations, Optional<String> profile, boolean otel,
        OptionalDouble checkFailRatio, OptionalDouble checkRps, OptionalDouble checkAvgResponseTime,
        List<Map<String, Object>> configUsers, List<String> userClasses, Map<String, String> raw) {

    /**
     * {@code --max-names}: distinct request names kept before a warning; past 10 times it, new names are folded into
     * {@code (other)} (the parser checked it is a positive number).
     */
    public int maxNames() {
        return Integer.parseInt(raw.getOrDefault("max-names", "1000"));
    }

    /** Copies the collections and checks that nothing is null. */
    public LocustOptions {
        Objects.requireNonNull(locustfile, "locustfile");
        tags = List.copyOf(tags);
        excludeTags = List.copyOf(excludeTags);
        configUsers = configUsers.stream()
                .map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
        userClasses = List.copyOf(userClasses);
        raw = Map.copyOf(raw);
    }

    /** The user count for an automatic start: {@code -u}, else 1 (RUN-30). */
    public int usersOrDefault() {
        return users.orElse(1);
    }

    /** The spawn rate for an automatic start: {@code -r}, else 1 (RUN-30). */
    public double spawnRateOrDefault() {
        return spawnRate.orElse(1.0);
    }

    /**
     * The {@code --html} file name with {@code {u}}, {@code {r}} and {@code {t}} replaced by the user count, spawn
     * rate and run time in whole numbers (CLI-43; in automatic runs the user count and rate default to 1).
     */
    public Optional<String> htmlFile() {
        boolean automatic = headless || autostart;
        OptionalInt u = users.isPresent() || !automatic ? users : OptionalInt.of(1);
        OptionalDouble r = spawnRate.isPresent() || !automatic ? spawnRate : OptionalDouble.of(1);
        return html.map(h -> {
            String name = h;
            if (u.isPresent()) {
                name = name.replace("{u}", Integer.toString(u.getAsInt()));
            }
            if (r.isPresent()) {
                name = name.replace("{r}", Long.toString((long) r.getAsDouble()));
            }
            if (runTime.isPresent()) {
                name = name.replace("{t}", Long.toString(runTime.get().toSeconds()));
            }
            return name;
        });
    }

    /** Whether a distributed role or several processes were asked for. */
    public boolean distributed() {
        return master || worker || processes.isPresent();
    }
}
