package dev.locustj.examples.shape;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.examples.custom.KeyValueUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the stages example for real (with 2.5-second stages): the user count follows the stages, then the test ends. */
class StagesShapeTest {

    /** The example with 1-second stages. */
    public static class FastStages extends StagesShape {
        @Override
        protected double secondsPerStage() {
            return 2.5;
        }
    }

    @Test
    void stagesDriveTheUserCountAndEndTheTest() throws Exception {
        Environment env = Environment.builder().userClasses(KeyValueUser.class).shapeClass(FastStages.class).build();
        Runner runner = env.createLocalRunner();
        List<Integer> seen = new ArrayList<>();
        runner.startShape();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!runner.await(Duration.ofMillis(100)) && System.nanoTime() < deadline) {
            seen.add(runner.userCount());
        }
        assertThat(runner.await(Duration.ZERO)).as("the shape ended the test").isTrue();
        int peak = seen.stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(seen).contains(10);
        assertThat(peak).as("stage 2 ramps towards 30 users at 10/s").isGreaterThan(20);
        assertThat(seen.indexOf(peak)).isGreaterThan(seen.indexOf(10));
        assertThat(seen.get(seen.size() - 1)).as("stage 3 ramps back down").isLessThan(peak);
        assertThat(env.stats().snapshot().total().numRequests()).isPositive();
    }
}
