package dev.locustj.core.internal;

import dev.locustj.core.User;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The per-environment, changeable settings of one user class (LF-81): the task model users pick from and the
 * overrides set by {@code update_user_class}. Users read {@link #model()} on every task pick: one volatile read,
 * no lock. Written only under the environment's lock.
 */
public final class UserClassState {

    /** What {@code update_user_class} changed; absent fields keep the class's annotation values. */
    record Overrides(Optional<String> host, OptionalInt weight, OptionalInt fixedCount,
                     Optional<List<String>> tasks) {
        static final Overrides NONE = new Overrides(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    private final Class<? extends User> type;
    private volatile TaskModel base;
    private volatile TaskModel model;
    private volatile Overrides overrides = Overrides.NONE;

    UserClassState(Class<? extends User> type, TaskModel base) {
        this.type = type;
        this.base = base;
        this.model = base;
    }

    /** The class. */
    public Class<? extends User> type() {
        return type;
    }

    /** The tasks users pick from now (tag filters, --equal-weights and the tasks filter applied). */
    public TaskModel model() {
        return model;
    }

    /** The tasks before the tasks filter (tag filters and --equal-weights applied). */
    TaskModel base() {
        return base;
    }

    Overrides overrides() {
        return overrides;
    }

    /** Sets a new base model (new tag filters) and re-applies the tasks filter; empty filter results keep all. */
    void base(TaskModel newBase) {
        this.base = newBase;
        this.model = overrides.tasks().map(t -> newBase.keep(t)).filter(m -> !m.isEmpty()).orElse(newBase);
    }

    void apply(Overrides newOverrides, TaskModel newModel) {
        this.overrides = newOverrides;
        this.model = newModel;
    }
}
