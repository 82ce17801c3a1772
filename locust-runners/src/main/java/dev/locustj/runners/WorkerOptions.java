package dev.locustj.runners;

import dev.locustj.core.ConfigurationException;

import java.time.Duration;
import java.util.Optional;

/**
 * How a worker connects and reports (CLI-32..35, RUN-62). Start from {@link #defaults()} (Locust's defaults).
 *
 * @param masterHost             the master's host ({@code --master-host})
 * @param masterPort             the master's port ({@code --master-port})
 * @param heartbeatInterval      how often the worker sends a heartbeat (1 s)
 * @param statsInterval          how often it sends its stats (WORKER_REPORT_INTERVAL, 3 s)
 * @param connectTimeout         how long it waits for the master's ack before asking again (5 s)
 * @param connectRetries         how many times it asks before giving up (60)
 * @param masterHeartbeatTimeout quit when the master's heartbeats stop for this long, once they started (60 s)
 * @param version                the version sent in {@code client_ready}; empty sends the int -1 (third-party
 *                               worker: no version check)
 * @param nodeId                 the node id; empty makes Locust's {@code <hostname>_<32 hex>}
 * @param logsInterval           how often the worker sends its recent log lines to the master (DIST-10,
 *                               WORKER_LOG_REPORT_INTERVAL, 10 s); zero turns the {@code logs} messages off
 */
public record WorkerOptions(String masterHost, int masterPort, Duration heartbeatInterval, Duration statsInterval,
                            Duration connectTimeout, int connectRetries, Duration masterHeartbeatTimeout,
                            Optional<String> version, Optional<String> nodeId, Duration logsInterval) {

    /** Checks the values. */
    public WorkerOptions {
        if (masterHost == null || masterHost.isBlank()) {
            throw new ConfigurationException("--master-host must not be empty");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new ConfigurationException("--master-port must be 1..65535, got " + masterPort);
        }
        if (!isPositive(heartbeatInterval) || !isPositive(statsInterval) || !isPositive(connectTimeout)
                || connectRetries < 1 || !isPositive(masterHeartbeatTimeout)) {
            throw new ConfigurationException("bad worker timer settings");
        }
        if (logsInterval == null || logsInterval.isNegative()) {
            throw new ConfigurationException("the worker logs interval must be zero (off) or positive");
        }
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Locust's defaults: master 127.0.0.1:5557, heartbeat 1 s, stats 3 s, 60 tries of 5 s, version -1, logs every 10 s. */
    public static WorkerOptions defaults() {
        return new WorkerOptions("127.0.0.1", 5557, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(5), 60, Duration.ofSeconds(60), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
    }

    /** With another master address. */
    public WorkerOptions withMaster(String host, int port) {
        return new WorkerOptions(host, port, heartbeatInterval, statsInterval, connectTimeout, connectRetries,
                masterHeartbeatTimeout, version, nodeId, logsInterval);
    }

    /** With other timers (tests use short ones). */
    public WorkerOptions withTimers(Duration heartbeat, Duration stats, Duration connect, int retries,
                                    Duration masterTimeout) {
        return new WorkerOptions(masterHost, masterPort, heartbeat, stats, connect, retries, masterTimeout, version,
                nodeId, logsInterval);
    }

    /** Sends this version string in {@code client_ready} instead of -1. */
    public WorkerOptions withVersion(String v) {
        return new WorkerOptions(masterHost, masterPort, heartbeatInterval, statsInterval, connectTimeout,
                connectRetries, masterHeartbeatTimeout, Optional.of(v), nodeId, logsInterval);
    }

    /** Sends the recent log lines to the master at this interval instead of every 10 s; zero: never (DIST-10). */
    public WorkerOptions withLogsInterval(Duration interval) {
        return new WorkerOptions(masterHost, masterPort, heartbeatInterval, statsInterval, connectTimeout,
                connectRetries, masterHeartbeatTimeout, version, nodeId, interval);
    }

    /** Uses this node id instead of {@code <hostname>_<32 hex>}. */
    public WorkerOptions withNodeId(String id) {
        return new WorkerOptions(masterHost, masterPort, heartbeatInterval, statsInterval, connectTimeout,
                connectRetries, masterHeartbeatTimeout, version, Optional.of(id), logsInterval);
    }
}
