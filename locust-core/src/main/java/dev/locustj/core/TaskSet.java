package dev.locustj.core;

import dev.locustj.core.internal.UserRuntime;

/**
 * A group of tasks that a user runs until {@link #interrupt(boolean)} hands control back (Locust's
 * {@code TaskSet}). Nest it as a static class annotated with {@link Task} inside a User or another TaskSet, or
 * reference it with {@link TaskSetRef}. The type parameter gives {@link #user()} its type.
 *
 * <pre>{@code
 * @Task(3)
 * public static class Browse extends TaskSet<Shopper> {
 *     @Task public void item() { user().client().get("/item/1"); }
 *     @Task public void back() { interrupt(); }
 * }
 * }</pre>
 *
 * @param <U> the user class that runs this TaskSet
 */
public abstract non-sealed class TaskSet<U extends User> implements TaskOwner {

    private final U user;
    private final TaskOwner parent;

    /** Binds the new instance to the user and parent that run it. */
    @SuppressWarnings("unchecked")
    protected TaskSet() {
        UserRuntime.TaskSetBinding binding = UserRuntime.currentTaskSetBinding();
        this.user = (U) binding.user();
        this.parent = binding.parent();
    }

    /** The user running this TaskSet. */
    public final U user() {
        return user;
    }

    /** The User or TaskSet that started this TaskSet. */
    public final TaskOwner parent() {
        return parent;
    }

    /** Called when the TaskSet starts. */
    @Override
    public void onStart() {
    }

    /** Called when the TaskSet ends (interrupt, or the user stopping). */
    @Override
    public void onStop() {
    }

    /** The wait time after each task; by default the user's. Called once per TaskSet instance. */
    @Override
    public WaitTime waitTime() {
        return user.runtime().waitTime();
    }

    /** Leaves this TaskSet; with {@code reschedule} the parent picks its next task at once. Never returns. */
    public final void interrupt(boolean reschedule) {
        throw new InterruptTaskSet(reschedule);
    }

    /** Leaves this TaskSet and lets the parent pick its next task at once. Never returns. */
    public final void interrupt() {
        interrupt(true);
    }
}
