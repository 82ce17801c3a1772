package dev.locustj.core.internal;

import dev.locustj.core.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this process's CPU (percent of one core) and resident memory every interval, fires
 * {@code usage_monitor} and {@code cpu_warning}, and logs Locust's CPU warning once (RUN-60).
 */
public final class UsageMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("locust.runners");
    /** Locust's threshold. */
    public static final double CPU_WARNING_THRESHOLD = 90.0;

    private final DefaultEnvironment env;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private volatile double cpu;
    private volatile long rss;
    private volatile boolean warned;
    private long lastCpuNanos = -1;
    private long lastWall;

    /** Creates a monitor; {@link #start()} begins sampling. */
    public UsageMonitor(DefaultEnvironment env, Duration interval) {
        this.env = env;
        this.interval = interval;
    }

    /** Starts sampling (idempotent). */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(InternalThreads.factory("locust-usage-monitor"));
        sample();
        timer.scheduleAtFixedRate(InternalThreads.guarded("locust-usage-monitor", this::sampleAndFire),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleAndFire() {
        try {
            sample();
            env.events().usageMonitor().fire(new Events.UsageMonitorEvent(env, cpu, rss));
            if (cpu > CPU_WARNING_THRESHOLD) {
                env.events().cpuWarning().fire(new Events.CpuWarningEvent(env, cpu));
                if (!warned) {
                    warned = true;
                    LOG.warn("CPU usage above {}%! This may constrain your throughput and may even give "
                            + "inconsistent response time measurements! See "
                            + "https://docs.locust.io/en/stable/running-distributed.html for how to distribute "
                            + "the load over multiple CPU cores or machines", (int) CPU_WARNING_THRESHOLD);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("usage sample failed", e);
        }
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        long cpuNanos = processCpuNanos();
        if (lastCpuNanos >= 0 && cpuNanos >= 0 && now > lastWall) {
            cpu = 100.0 * (cpuNanos - lastCpuNanos) / (now - lastWall);
        }
        lastCpuNanos = cpuNanos;
        lastWall = now;
        rss = residentBytes();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long residentBytes() {
        try {
            String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(statm[1]) * 4096L;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }

    /** The last CPU sample, percent of one core. */
    public double cpuUsage() {
        return cpu;
    }

    /** The last resident memory sample, bytes. */
    public long memoryUsage() {
        return rss;
    }

    /** Whether the CPU went above the threshold during the test. */
    public boolean warned() {
        return warned;
    }

    /** Logs Locust's end-of-test line if the CPU was too high at some point. */
    public void logSummary() {
        if (warned) {
            LOG.warn("CPU usage was too high at some point during the test! See "
                    + "https://docs.locust.io/en/stable/running-distributed.html for how to distribute the load "
                    + "over multiple CPU cores or machines");
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
