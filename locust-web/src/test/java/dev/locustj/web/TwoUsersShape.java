package dev.locustj.web;

import dev.locustj.core.LoadTestShape;

import java.util.Optional;

/** Two users for ever. */
public class TwoUsersShape extends LoadTestShape {
    @Override
    public Optional<Tick> tick() {
        return Optional.of(Tick.of(2, 100));
    }
}
