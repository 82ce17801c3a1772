package dev.locustj.core;

/**
 * A TaskSet whose tasks run in declaration order, over and over (Locust's {@code SequentialTaskSet}); a task with
 * weight n runs n times in a row.
 *
 * @param <U> the user class that runs this TaskSet
 */
public abstract class SequentialTaskSet<U extends User> extends TaskSet<U> {
    /** Binds the new instance to the user and parent that run it. */
    protected SequentialTaskSet() {
    }
}
