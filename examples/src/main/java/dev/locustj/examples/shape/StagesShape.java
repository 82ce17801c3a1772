package dev.locustj.examples.shape;

import dev.locustj.core.LoadTestShape;

import java.util.List;
import java.util.Optional;

/**
 * A load shape with stages (Locust's "custom load shapes" example): 10 users for 5 s, then 30 for 5 s, then 10
 * for 5 s, then the test ends. Put it in the same jar as the users and it drives the run; -u/-r/-t are ignored.
 */
public class StagesShape extends LoadTestShape {

    private record Stage(double until, int users, double rate) {
    }

    private static final List<Stage> STAGES = List.of(
            new Stage(5, 10, 10), new Stage(10, 30, 10), new Stage(15, 10, 10));

    @Override
    public Optional<Tick> tick() {
        double t = runTime();
        for (Stage s : STAGES) {
            if (t < s.until()) {
                return Optional.of(Tick.of(s.users(), s.rate()));
            }
        }
        return Optional.empty();
    }
}
