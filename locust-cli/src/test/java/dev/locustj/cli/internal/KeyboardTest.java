package dev.locustj.cli.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** RUN-15 against a real local runner: w/W add 1/10 users, s/S remove 1/10, refused while spawning. */
class KeyboardTest {

    /** A user that only sleeps. */
    public static class Idle extends User {
        @Override public WaitTime waitTime() {
            return WaitTime.constant(0.2);
        }

        @Task public void nothing() {
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void keysChangeTheUserCount() throws InterruptedException {
        Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(Idle.class)).build();
        Runner runner = env.createLocalRunner();
        try {
            runner.start(1, 100);
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 1);
            Keyboard.apply(runner, 'W');
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 11);
            Keyboard.apply(runner, 'w');
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 12);
            Keyboard.apply(runner, 'S');
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 2);
            Keyboard.loop(runner, new ByteArrayInputStream("sx".getBytes(StandardCharsets.US_ASCII)));
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 1);
            Keyboard.apply(runner, 'S');
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 0);
        } finally {
            runner.quit();
        }
    }

    @Test
    void keysStopAtTheUserLimit() throws InterruptedException {
        Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(Idle.class))
                .options(Map.of("max-users", "5")).build();
        Runner runner = env.createLocalRunner();
        try {
            runner.start(1, 100);
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 1);
            Keyboard.apply(runner, 'W');
            await(() -> runner.state() == RunnerState.RUNNING && runner.userCount() == 5);
            Keyboard.apply(runner, 'w'); // at the limit: a warning, nothing else
            assertThat(runner.userCount()).isEqualTo(5);
            assertThat(runner.state()).isEqualTo(RunnerState.RUNNING);
        } finally {
            runner.quit();
        }
    }
}
