package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.runners.DistributedRunners;
import dev.locustj.runners.MasterOptions;
import dev.locustj.runners.WorkerInfo;
import dev.locustj.web.WorkersView;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates the master runner (DIST-01, CLI-25..30) and waits for {@code --expect-workers} before a headless or
 * autostarted test (RUN-30, DIST-03). Also tells the web UI about the workers (WEB-38).
 */
final class MasterRunnerFactory implements RunnerFactory {

    private final int expectWorkers;
    private final List<Path> locustfiles;

    /**
     * A factory expecting {@code expectWorkers} workers ({@code --expect-workers}, or N with --processes N), whose
     * master sends {@code locustfiles} (its resolved {@code -f}) to workers started with {@code -f -} (DIST-09).
     */
    MasterRunnerFactory(int expectWorkers, List<Path> locustfiles) {
        this.expectWorkers = expectWorkers;
        this.locustfiles = List.copyOf(locustfiles);
    }

    @Override
    public Runner create(Environment env, LocustOptions o) {
        MasterOptions m = MasterOptions.defaults().withBindHost(o.masterBindHost()).withBindPort(o.masterBindPort())
                .withExpectWorkers(expectWorkers, Duration.ofSeconds(o.expectWorkersMaxWait()))
                .withEnableRebalancing(o.enableRebalancing()).withLocustfiles(locustfiles);
        String reportWait = System.getenv("LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP");
        if (reportWait != null) {
            m = m.withWaitForReportsAfterRampUp(MasterOptions.parseWaitForReportsAfterRampUp(reportWait));
        }
        Runner runner = DistributedRunners.master(env, m);
        env.extension(WorkersView.class, new WorkersView() {
            @Override
            public List<dev.locustj.web.WorkerInfo> workers() {
                return DistributedRunners.workers(runner).stream()
                        .map(w -> new dev.locustj.web.WorkerInfo(w.id(), w.state(), w.userCount(), w.cpuUsage(),
                                w.memoryUsage()))
                        .toList();
            }

            @Override
            public Map<String, Integer> reportedUserClassesCount() {
                Map<String, Integer> sum = new TreeMap<>();
                for (WorkerInfo w : DistributedRunners.workers(runner)) {
                    w.userClassesCount().forEach((k, v) -> sum.merge(k, v, Integer::sum));
                }
                return sum;
            }

            @Override
            public Map<String, List<String>> workerLogs() { // DIST-10, WEB-13
                return DistributedRunners.workerLogs(runner);
            }
        });
        return runner;
    }

    @Override
    public void awaitReady(Runner runner, LocustOptions options) throws InterruptedException {
        if (!DistributedRunners.awaitWorkers(runner)) {
            runner.quit();
            throw new ExitException(1, "Gave up waiting for workers to connect");
        }
    }
}
