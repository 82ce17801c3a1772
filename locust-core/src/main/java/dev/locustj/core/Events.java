package dev.locustj.core;

import java.util.Map;

/**
 * The events of one {@link Environment}, with Locust's names. Custom clients report their requests through
 * {@link #request()}; plugins listen to any of them.
 */
public interface Events {

    /** Every request (EV-01). Custom clients fire it, HttpUser fires it once per request. */
    EventHook<RequestEvent> request();

    /** An exception escaped a task (EV-03); it is also counted in the exceptions table. */
    EventHook<UserErrorEvent> userError();

    /** After the environment and runner are set up, before any test starts (EV-10). */
    EventHook<EnvironmentEvent> init();

    /** A test starts, on every node (EV-12); not again when only the user count changes. */
    EventHook<EnvironmentEvent> testStart();

    /** A test is about to stop, before the users are stopped (EV-13). */
    EventHook<EnvironmentEvent> testStopping();

    /** A test has stopped, after the users are stopped (EV-14). */
    EventHook<EnvironmentEvent> testStop();

    /** The ramp-up finished (EV-07). */
    EventHook<SpawningCompleteEvent> spawningComplete();

    /** The stats were reset from the web UI (EV-15). */
    EventHook<EnvironmentEvent> resetStats();

    /** The process is shutting down (EV-08); listeners run in reverse order. */
    EventHook<EnvironmentEvent> quitting();

    /** Just before the process exits, with the exit code (EV-09). */
    EventHook<QuitEvent> quit();

    /** A worker is about to send its stats to the master; listeners may add keys to {@code data} (EV-04). */
    EventHook<ReportEvent> reportToMaster();

    /** The master received a worker's stats message (EV-05). */
    EventHook<ReportEvent> workerReport();

    /** A worker connected to the master (EV-06). */
    EventHook<WorkerConnectEvent> workerConnect();

    /** Every CPU/memory sample of this process (EV-18). */
    EventHook<UsageMonitorEvent> usageMonitor();

    /** Every CPU sample above 90 % (EV-16). */
    EventHook<CpuWarningEvent> cpuWarning();

    /** An event that carries only the environment. */
    record EnvironmentEvent(Environment environment) {
    }

    /** spawning_complete: the number of users at the end of the ramp. */
    record SpawningCompleteEvent(Environment environment, int userCount) {
    }

    /** quit: the process exit code. */
    record QuitEvent(Environment environment, int exitCode) {
    }

    /** user_error: the user instance and the exception that escaped its task. */
    record UserErrorEvent(Environment environment, User user, Throwable exception) {
    }

    /** report_to_master / worker_report: the node id and the mutable report. */
    record ReportEvent(Environment environment, String clientId, Map<String, Object> data) {
    }

    /** worker_connect: the new worker's id. */
    record WorkerConnectEvent(Environment environment, String clientId) {
    }

    /** usage_monitor: CPU in percent of one core (may exceed 100) and resident memory in bytes. */
    record UsageMonitorEvent(Environment environment, double cpuUsage, long memoryUsage) {
    }

    /** cpu_warning: the CPU usage that crossed 90 %. */
    record CpuWarningEvent(Environment environment, double cpuUsage) {
    }
}
