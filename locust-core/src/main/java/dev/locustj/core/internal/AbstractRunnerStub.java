package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.MessageHandler;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PLACEHOLDER. */
abstract class AbstractRunnerStub implements Runner {
    private final DefaultEnvironment env;
    AbstractRunnerStub(DefaultEnvironment env) { this.env = env; }
    @Override public Environment environment() { return env; }
    @Override public RunnerState state() { return RunnerState.READY; }
    @Override public void start(int userCount, double spawnRate) { throw new UnsupportedOperationException(); }
    @Override public void start(int u, double r, List<Class<? extends User>> c) { throw new UnsupportedOperationException(); }
    @Override public void startShape() { throw new UnsupportedOperationException(); }
    @Override public void stop() { }
    @Override public void quit() { }
    @Override public void await() { }
    @Override public boolean await(Duration timeout) { return true; }
    @Override public int userCount() { return 0; }
    @Override public int targetUserCount() { return 0; }
    @Override public Map<String, Integer> userClassesCount() { return Map.of(); }
    @Override public void sendMessage(String type, Optional<Object> data) { }
    @Override public void sendMessage(String type, Optional<Object> data, String clientId) { }
    @Override public void registerMessage(String type, MessageHandler handler) { }
    @Override public int workerIndex() { return 0; }
    @Override public double currentCpuUsage() { return 0; }
    @Override public long currentMemoryUsage() { return 0; }
}
