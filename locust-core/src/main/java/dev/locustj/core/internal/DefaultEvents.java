package dev.locustj.core.internal;

import dev.locustj.core.EventHook;
import dev.locustj.core.Events;
import dev.locustj.core.RequestEvent;

import java.util.concurrent.atomic.AtomicBoolean;

/** The events of one environment. */
public final class DefaultEvents implements Events {

    private final AtomicBoolean unhandledError = new AtomicBoolean();
    private final EventHook<RequestEvent> request = hook("request", false);
    private final EventHook<UserErrorEvent> userError = hook("user_error", false);
    private final EventHook<EnvironmentEvent> init = hook("init", false);
    private final EventHook<EnvironmentEvent> testStart = hook("test_start", false);
    private final EventHook<EnvironmentEvent> testStopping = hook("test_stopping", false);
    private final EventHook<EnvironmentEvent> testStop = hook("test_stop", false);
    private final EventHook<SpawningCompleteEvent> spawningComplete = hook("spawning_complete", false);
    private final EventHook<EnvironmentEvent> resetStats = hook("reset_stats", false);
    private final EventHook<EnvironmentEvent> quitting = hook("quitting", true);
    private final EventHook<QuitEvent> quit = hook("quit", false);
    private final EventHook<ReportEvent> reportToMaster = hook("report_to_master", false);
    private final EventHook<ReportEvent> workerReport = hook("worker_report", false);
    private final EventHook<WorkerConnectEvent> workerConnect = hook("worker_connect", false);
    private final EventHook<UsageMonitorEvent> usageMonitor = hook("usage_monitor", false);
    private final EventHook<CpuWarningEvent> cpuWarning = hook("cpu_warning", false);

    private <E> EventHook<E> hook(String name, boolean reverse) {
        return new DefaultEventHook<>(name, reverse, unhandledError);
    }

    /** Whether a listener threw (RUN-40: exit code 2 unless something else decides). */
    public boolean unhandledError() {
        return unhandledError.get();
    }

    /** Flags an unhandled error seen elsewhere (a crashed runner thread...). */
    public void flagUnhandledError() {
        unhandledError.set(true);
    }

    @Override public EventHook<RequestEvent> request() { return request; }
    @Override public EventHook<UserErrorEvent> userError() { return userError; }
    @Override public EventHook<EnvironmentEvent> init() { return init; }
    @Override public EventHook<EnvironmentEvent> testStart() { return testStart; }
    @Override public EventHook<EnvironmentEvent> testStopping() { return testStopping; }
    @Override public EventHook<EnvironmentEvent> testStop() { return testStop; }
    @Override public EventHook<SpawningCompleteEvent> spawningComplete() { return spawningComplete; }
    @Override public EventHook<EnvironmentEvent> resetStats() { return resetStats; }
    @Override public EventHook<EnvironmentEvent> quitting() { return quitting; }
    @Override public EventHook<QuitEvent> quit() { return quit; }
    @Override public EventHook<ReportEvent> reportToMaster() { return reportToMaster; }
    @Override public EventHook<ReportEvent> workerReport() { return workerReport; }
    @Override public EventHook<WorkerConnectEvent> workerConnect() { return workerConnect; }
    @Override public EventHook<UsageMonitorEvent> usageMonitor() { return usageMonitor; }
    @Override public EventHook<CpuWarningEvent> cpuWarning() { return cpuWarning; }
}
