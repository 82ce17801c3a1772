package dev.locustj.benchmarks.distributed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the distributed benchmarks measure: process and per-thread CPU time, the load average, child JVMs. */
final class Probe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Probe() {
    }

    /** This process's CPU time (all threads, GC and JIT included), in nanoseconds. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Milliseconds spent in GC (all collectors) and in JIT compilation since the start: {gc, jit}. */
    static long[] gcAndJitMillis() {
        long gc = 0;
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        return new long[] {gc, jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime()
                : 0};
    }

    /** The 1-minute load average, from /proc/loadavg. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU nanoseconds of the live Java threads, summed by name (digits stripped: pools count as one). */
    static Map<String, Long> threadCpu() {
        Map<String, Long> m = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long t = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && t > 0) {
                m.merge(infos[i].getThreadName().replaceAll("[0-9]+", "#"), t, Long::sum);
            }
        }
        return m;
    }

    /** The biggest per-thread CPU deltas as percent of one core over {@code wallNanos}: "name=1.23,...". */
    static String threadBreakdown(Map<String, Long> before, Map<String, Long> after, long wallNanos, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format("%s=%.2f", e.getKey().replace(' ', '_'), e.getValue() * 100.0 / wallNanos))
                .collect(Collectors.joining(","));
    }

    /** Starts {@code mainClass} in a child JVM with this JVM's java binary and class path; stderr inherited. */
    static Process fork(Class<?> mainClass, List<String> jvmArgs, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Ends a child: closes its stdin (its signal to stop), waits, then kills it by its PID. */
    static void end(Process child, long waitMillis) throws InterruptedException {
        try {
            child.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!child.waitFor(waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            child.destroy();
            if (!child.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static volatile boolean stdinClosed;

    /** Starts a daemon thread that notes when stdin reaches end of input (the parent's signal to stop). */
    static void watchStdin() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore input
                }
            } catch (IOException e) {
                // treat as closed
            }
            stdinClosed = true;
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** True when the parent closed our stdin ({@link #watchStdin()}) or is gone. */
    static boolean toldToStop() {
        return stdinClosed || ProcessHandle.current().parent().map(p -> !p.isAlive()).orElse(true);
    }
}
