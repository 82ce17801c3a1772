package dev.locustj.examples.shape;

import dev.locustj.core.LoadTestShape;

import java.util.List;
import java.util.Optional;

/**
 * A load shape with stages (Locust's "custom load shapes" example): 10 users, then 30, then 10, each for
 * {@link #secondsPerStage()} seconds (5 by default), then the test ends; -u/-r/-t are then ignored.
 *
 * <p>It is {@code abstract} here only so that it does not take over the runs of the other examples in this jar
 * (a concrete shape found with the user classes always drives the run, as in Locust). In your own jar, drop
 * {@code abstract}, or subclass it: {@code public class MyStages extends StagesShape {}}.
 */
public abstract class StagesShape extends LoadTestShape {

    private record Stage(int stage, int users, double rate) {
    }

    private static final List<Stage> STAGES = List.of(new Stage(1, 10, 10), new Stage(2, 30, 10), new Stage(3, 10, 10));

    /** How long each stage lasts. */
    protected double secondsPerStage() {
        return 5;
    }

    @Override
    public Optional<Tick> tick() {
        double t = runTime();
        for (Stage s : STAGES) {
            if (t < s.stage() * secondsPerStage()) {
                return Optional.of(Tick.of(s.users(), s.rate()));
            }
        }
        return Optional.empty();
    }
}
