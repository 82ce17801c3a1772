package dev.locustj.runners;

import dev.locustj.core.ConfigurationException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a master runs (CLI-25..30, RUN-62). Start from {@link #defaults()} (Locust's defaults) and change what you
 * need with the {@code with...} methods.
 *
 * @param bindHost                 the interface to bind ({@code --master-bind-host}, {@code *} for all)
 * @param bindPort                 the port ({@code --master-bind-port}); 0 picks a free port (library use, tests)
 * @param expectWorkers            how many ready workers a headless run waits for ({@code --expect-workers})
 * @param expectWorkersMaxWait     give up waiting after this long; zero waits forever
 *                                 ({@code --expect-workers-max-wait})
 * @param enableRebalancing        redistribute users when workers join or go missing ({@code --enable-rebalancing})
 * @param heartbeatInterval        the heartbeat tick (Locust's HEARTBEAT_INTERVAL, 1 s)
 * @param heartbeatLiveness        missed ticks before a worker is missing (HEARTBEAT_LIVENESS, 3)
 * @param missingWorkerDeleteTicks ticks a missing worker is kept before it is deleted (-HEARTBEAT_DEAD_INTERNAL, 60)
 * @param waitForReportsAfterRampUp how long the end of a ramp waits for the workers' reported counts (1 s)
 * @param locustfiles              the master's own {@code -f} files (resolved), sent to workers started with
 *                                 {@code -f -} (DIST-09, LF-04); empty: such workers get an error reply
 */
public record MasterOptions(String bindHost, int bindPort, int expectWorkers, Duration expectWorkersMaxWait,
                            boolean enableRebalancing, Duration heartbeatInterval, int heartbeatLiveness,
                            int missingWorkerDeleteTicks, Duration waitForReportsAfterRampUp,
                            List<Path> locustfiles) {

    /** Checks the values. */
    public MasterOptions {
        if (bindHost == null || bindHost.isBlank()) {
            throw new ConfigurationException("--master-bind-host must not be empty");
        }
        if (bindPort < 0 || bindPort > 65535) {
            throw new ConfigurationException("--master-bind-port must be 0..65535, got " + bindPort);
        }
        if (expectWorkers < 1) {
            throw new ConfigurationException("--expect-workers must be >= 1, got " + expectWorkers);
        }
        if (expectWorkersMaxWait.isNegative()) {
            throw new ConfigurationException("--expect-workers-max-wait must be >= 0");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || heartbeatLiveness < 0
                || missingWorkerDeleteTicks < 0 || waitForReportsAfterRampUp.isNegative()) {
            throw new ConfigurationException("bad heartbeat settings");
        }
        locustfiles = List.copyOf(locustfiles);
    }

    /** Locust's defaults: {@code *:5557}, one expected worker, no rebalancing, 1 s heartbeats. */
    public static MasterOptions defaults() {
        return new MasterOptions("*", 5557, 1, Duration.ZERO, false, Duration.ofSeconds(1), 3, 60,
                Duration.ofSeconds(1), List.of());
    }

    /** With another bind host. */
    public MasterOptions withBindHost(String host) {
        return new MasterOptions(host, bindPort, expectWorkers, expectWorkersMaxWait, enableRebalancing,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, waitForReportsAfterRampUp,
                locustfiles);
    }

    /** With another bind port (0: any free port). */
    public MasterOptions withBindPort(int port) {
        return new MasterOptions(bindHost, port, expectWorkers, expectWorkersMaxWait, enableRebalancing,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, waitForReportsAfterRampUp,
                locustfiles);
    }

    /** With another expected worker count and maximum wait (zero: forever). */
    public MasterOptions withExpectWorkers(int count, Duration maxWait) {
        return new MasterOptions(bindHost, bindPort, count, maxWait, enableRebalancing,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, waitForReportsAfterRampUp,
                locustfiles);
    }

    /** With rebalancing on or off. */
    public MasterOptions withEnableRebalancing(boolean enable) {
        return new MasterOptions(bindHost, bindPort, expectWorkers, expectWorkersMaxWait, enable,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, waitForReportsAfterRampUp,
                locustfiles);
    }

    /** With other heartbeat settings (tests use short ones). */
    public MasterOptions withHeartbeat(Duration interval, int liveness, int deleteTicks) {
        return new MasterOptions(bindHost, bindPort, expectWorkers, expectWorkersMaxWait, enableRebalancing,
                interval, liveness, deleteTicks, waitForReportsAfterRampUp, locustfiles);
    }

    /** With another wait, at the end of a ramp, for the workers' reported counts (Locust's default: 1 s). */
    public MasterOptions withWaitForReportsAfterRampUp(Duration wait) {
        return new MasterOptions(bindHost, bindPort, expectWorkers, expectWorkersMaxWait, enableRebalancing,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, wait, locustfiles);
    }

    /**
     * Locust's {@code LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP}: seconds ({@code 2.5}) or a multiple of the
     * workers' 3 s report interval ({@code 1.25 * WORKER_REPORT_INTERVAL}).
     *
     * @throws ConfigurationException for anything else, naming the variable
     */
    public static Duration parseWaitForReportsAfterRampUp(String value) {
        String v = value.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^(\\d+(?:\\.\\d+)?) *\\* *WORKER_REPORT_INTERVAL$").matcher(v);
        double seconds;
        try {
            seconds = m.matches() ? Double.parseDouble(m.group(1)) * 3 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || seconds > 86_400) {
            throw new ConfigurationException("LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP must be seconds (e.g. 2.5) "
                    + "or 'N * WORKER_REPORT_INTERVAL', got '" + value + "'");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /**
     * With the files a worker started with {@code -f -} downloads (DIST-09): the master's {@code -f} jars, .java
     * files and class directories. A directory is sent as a jar packed in memory plus its .java sources.
     */
    public MasterOptions withLocustfiles(List<Path> files) {
        return new MasterOptions(bindHost, bindPort, expectWorkers, expectWorkersMaxWait, enableRebalancing,
                heartbeatInterval, heartbeatLiveness, missingWorkerDeleteTicks, waitForReportsAfterRampUp, files);
    }
}
