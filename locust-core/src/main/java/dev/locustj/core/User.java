package dev.locustj.core;

import dev.locustj.core.internal.UserRuntime;

import java.util.Map;

/**
 * A simulated user (Locust's {@code User}). Subclass it, add {@link Task @Task} methods, and the runner starts one
 * instance per simulated user, each on its own virtual thread, so task code blocks freely.
 *
 * <pre>{@code
 * @Weight(3)
 * public class Shopper extends HttpUser {
 *     @Override public WaitTime waitTime() { return WaitTime.between(1, 3); }
 *     @Task(2) public void browse() { client().get("/items"); }
 *     @Task public void buy() { client().post("/cart", "{\"id\": 1}"); }
 * }
 * }</pre>
 *
 * <p>An {@code abstract} class is never run (Locust's {@code abstract = True}). Class annotations: {@link Weight},
 * {@link FixedCount}, {@link Host}, {@link Tag}, {@link TaskSetRef}. Instances are created by the runner through the
 * public or protected no-argument constructor; a subclass may declare fields and initialise them there.
 */
public abstract non-sealed class User implements TaskOwner {

    private final UserRuntime runtime;

    /** Binds the new instance to the runner that creates it. */
    protected User() {
        this.runtime = UserRuntime.bindCurrent(this);
    }

    /** Called once when the user starts, before its first task. Throwing here stops this user. */
    @Override
    public void onStart() {
    }

    /** Called once when the user stops, also when it is stopped by force. */
    @Override
    public void onStop() {
    }

    /** The wait time after each task; the default is no wait. Called once per user, the result is kept. */
    @Override
    public WaitTime waitTime() {
        return WaitTime.none();
    }

    /** Extra context merged into every request event of this user (Locust's {@code context()}). */
    public Map<String, Object> context() {
        return Map.of();
    }

    /** The environment this user runs in. */
    public final Environment environment() {
        return runtime.environment();
    }

    /** The base URL: {@code --host}, else this class's {@link Host}, else the empty string. */
    public String host() {
        return runtime.host();
    }

    /** A number unique to this user within the process, starting at 1. */
    public final long userId() {
        return runtime.id();
    }

    /** Stops this user gracefully: at once if it is waiting, else after its current task (Locust's {@code stop()}). */
    public final void stop() {
        runtime.requestStop();
    }

    /** Whether this user has been asked to stop. */
    public final boolean stopping() {
        return runtime.stopRequested();
    }

    /**
     * Registers a resource that is closed when this user ends, after {@link #onStop()} (also when the user is
     * stopped by force). Custom clients use it for their connections. Resources close in reverse order.
     */
    public final void closeOnStop(AutoCloseable resource) {
        runtime.closeOnStop(resource);
    }

    /** The runner's view of this user; internal use. */
    final UserRuntime runtime() {
        return runtime;
    }
}
