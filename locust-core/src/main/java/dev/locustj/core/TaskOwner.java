package dev.locustj.core;

/** Something that owns tasks: a {@link User} or a {@link TaskSet}. A TaskSet's parent is one of these. */
public sealed interface TaskOwner permits User, TaskSet {

    /** The wait time applied after each of this owner's tasks. */
    WaitTime waitTime();

    /** Called when this owner starts running its tasks. */
    void onStart();

    /** Called when this owner stops running its tasks (always paired with {@link #onStart()}). */
    void onStop();
}
