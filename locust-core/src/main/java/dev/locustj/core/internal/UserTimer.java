package dev.locustj.core.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer that wakes users parked between tasks (see {@link UserLoop}): a single daemon platform thread whose
 * only work is to start each woken user's new virtual thread. Internal.
 */
final class UserTimer {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private UserTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, InternalThreads.factory("locust-user-timer"));
        t.setRemoveOnCancelPolicy(true);
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return t;
    }

    static ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return TIMER.schedule(InternalThreads.guarded("locust-user-timer", task), nanos, TimeUnit.NANOSECONDS);
    }
}
