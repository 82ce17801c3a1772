package dev.locustj.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs users: locally, or as a master or worker of a distributed run (Locust's {@code Runner}).
 */
public interface Runner {

    /** The environment this runner belongs to. */
    Environment environment();

    /** The current state. */
    RunnerState state();

    /**
     * Starts a test, or changes the user count of the running one (without clearing stats). Returns at once; the
     * ramp runs in the background at {@code spawnRate} users per second.
     */
    void start(int userCount, double spawnRate);

    /** Like {@link #start(int, double)}, limited to some user classes. */
    void start(int userCount, double spawnRate, List<Class<? extends User>> userClasses);

    /** Starts the environment's {@link LoadTestShape}. */
    void startShape();

    /** Stops all users (RUN-03). The runner can be started again. */
    void stop();

    /** Stops and ends the runner; {@link #await()} returns. */
    void quit();

    /** Blocks until the runner has quit. */
    void await() throws InterruptedException;

    /** Blocks until the runner has quit or the timeout passed; true when it has quit. */
    boolean await(Duration timeout) throws InterruptedException;

    /** The number of running users (on a master: reported by the workers). */
    int userCount();

    /** The target user count of the current ramp. */
    int targetUserCount();

    /**
     * The most users {@link #start} accepts ({@code --max-users}; by default what this process's maximum heap
     * holds). A start above it fails with a {@link ConfigurationException}; a {@link LoadTestShape} asking more is
     * capped with a warning.
     */
    default int maxUsers() {
        return Integer.MAX_VALUE;
    }

    /** Running users per class name. */
    Map<String, Integer> userClassesCount();

    /**
     * Users per class name when the test last began to stop (Locust's {@code final_user_classes_count}): the
     * final ratio of the HTML report. Empty before the first stop.
     */
    Map<String, Integer> finalUserClassesCount();

    /** Sends a custom message: to the master from a worker, to every worker from a master, to itself locally. */
    void sendMessage(String type, Optional<Object> data);

    /** Sends a custom message to one worker (master only). */
    void sendMessage(String type, Optional<Object> data, String clientId);

    /** Registers the handler of a custom message type; registering a type twice is an error. */
    void registerMessage(String type, MessageHandler handler);

    /** This node's worker index: 0 locally, the master's number on a worker, -1 before the master answered. */
    int workerIndex();

    /** This process's CPU usage in percent of one core, from the last sample. */
    double currentCpuUsage();

    /** This process's resident memory in bytes, from the last sample. */
    long currentMemoryUsage();
}
