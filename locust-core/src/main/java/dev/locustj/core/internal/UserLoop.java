package dev.locustj.core.internal;

import dev.locustj.core.AlreadyReported;
import dev.locustj.core.Events;
import dev.locustj.core.InterruptTaskSet;
import dev.locustj.core.RescheduleTask;
import dev.locustj.core.RescheduleTaskImmediately;
import dev.locustj.core.StopTest;
import dev.locustj.core.StopUser;
import dev.locustj.core.TaskOwner;
import dev.locustj.core.TaskSet;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs one user on its own (virtual) thread: on_start, the task loop with wait times, nested TaskSets, control
 * exceptions, then on_stop (LF-20, LF-50..55, RUN-20).
 *
 * <p>A user whose wait between two top-level tasks is at least {@link #PARK_THRESHOLD_NANOS} holds no thread while it
 * waits: its thread ends and {@link UserTimer} starts a new virtual thread for the next task (the parked stack of a
 * sleeping virtual thread is the largest part of an idle user's memory). A stop request wakes a parked user at once.
 * Waits inside a TaskSet, and shorter waits, sleep on the thread.
 */
final class UserLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("locust.user");

    /** The shortest top-level wait for which the user gives up its thread (default 500 ms). */
    static final long PARK_THRESHOLD_NANOS =
            Long.getLong("locustj.user.parkThresholdMillis", 500L) * 1_000_000L;

    /** Thrown inside the loop when the user must end now (stop requested while waiting, or killed). */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Stopped INSTANCE = new Stopped();

        private Stopped() {
            super("stopped", null, false, false);
        }
    }

    private final LocalRunner runner;
    private final DefaultEnvironment env;
    private final UserRuntime runtime;
    private final User user;
    private final UserClassState classState;
    private final String threadName;
    /** Touched only by the user's current thread; thread starts order the accesses. */
    private boolean started;
    private long rootSeq;

    UserLoop(LocalRunner runner, DefaultEnvironment env, UserRuntime runtime, UserClassState classState) {
        this.runner = runner;
        this.env = env;
        this.runtime = runtime;
        this.user = runtime.user();
        this.classState = classState;
        this.threadName = "user-" + UserClasses.name(user.getClass()) + "-" + runtime.id();
    }

    /**
     * Starts a virtual thread for the user: its first, or the next one after a parked wait (from the timer, or at
     * once on a stop request).
     */
    void start() {
        Thread t = Thread.ofVirtual().name(threadName).unstarted(this);
        runtime.thread(t);
        t.start();
    }

    @Override
    public void run() {
        runtime.thread(Thread.currentThread());
        boolean parked = false;
        try {
            if (!started) {
                started = true;
                if (runtime.stopRequested()) {
                    return;
                }
                try {
                    runtime.activity("onStart");
                    user.onStart();
                } catch (StopUser | Stopped e) {
                    return;
                } catch (StopTest e) {
                    runner.stopTestFromUser(e);
                    return;
                } catch (Throwable t) {
                    if (!runtime.stopRequested()) {
                        reportError(t);
                    }
                    return;
                }
            }
            try {
                parked = runTasks(user, classState.model(), runtime.waitTime(), true);
            } finally {
                if (!parked) {
                    try {
                        runtime.activity("onStop");
                        user.onStop();
                    } catch (Throwable t) {
                        reportError(t);
                    }
                }
            }
        } finally {
            if (!parked) {
                runtime.closeResources();
                runtime.ended();
                runner.userEnded(runtime);
            }
        }
    }

    /**
     * The task loop of one owner (the user, or a TaskSet). Returns when the user stops (false) or, for the user's own
     * loop, when it parked for its wait (true: this thread must end, the user goes on in a new one). For a TaskSet it
     * also ends by {@link InterruptTaskSet}, which propagates to the caller.
     */
    private boolean runTasks(TaskOwner owner, TaskModel model, WaitTime waitTime, boolean root) {
        TaskModel m = model;
        long seq = 0;
        while (!runtime.stopRequested()) {
            if (!runner.takeIteration()) {
                runtime.requestStop();
                return false;
            }
            if (root) {
                TaskModel now = classState.model(); // the class's tasks may change while the user runs (LF-81)
                if (!now.isEmpty()) {
                    m = now;
                }
            }
            TaskModel.TaskDef task = m.sequential() ? m.sequenceAt(root ? rootSeq++ : seq++) : m.pick();
            boolean doWait = true;
            try {
                runtime.activity(task.name());
                execute(owner, task);
            } catch (RescheduleTaskImmediately e) {
                doWait = false;
            } catch (RescheduleTask e) {
                doWait = true;
            } catch (InterruptTaskSet e) {
                if (!root) {
                    throw e;
                }
                // Interrupting the root: nothing to leave; like a reschedule (Locust logs an error here).
                doWait = !e.reschedule();
            } catch (StopUser | Stopped e) {
                return false;
            } catch (StopTest e) {
                runner.stopTestFromUser(e);
                return false;
            } catch (Throwable t) {
                if (runtime.stopRequested()) {
                    return false; // killed mid-task: not a user error
                }
                if (AlreadyReported.isReported(unwrap(t))) {
                    doWait = true; // recorded as a request failure already (catch-response): like RescheduleTask
                } else {
                    reportError(t);
                    if (!env.catchExceptions()) {
                        return false;
                    }
                }
            }
            if (doWait) {
                long nanos = nextWait(waitTime);
                if (root && nanos >= PARK_THRESHOLD_NANOS && !Thread.currentThread().isInterrupted()
                        && runtime.park(nanos, this::start)) {
                    return true;
                }
                if (!sleep(nanos)) {
                    return false;
                }
            }
        }
        return false;
    }

    private void execute(TaskOwner owner, TaskModel.TaskDef task) throws Throwable {
        if (task instanceof TaskModel.MethodTask mt) {
            mt.invoke(owner);
        } else if (task instanceof TaskModel.TaskSetTask tt) {
            runTaskSet(owner, tt);
        }
    }

    private void runTaskSet(TaskOwner parent, TaskModel.TaskSetTask tt) {
        TaskSet<?> ts = UserRuntime.construct(tt.type(), new UserRuntime.TaskSetBinding(user, parent));
        WaitTime wt = ts.waitTime();
        if (wt == null) {
            wt = runtime.waitTime();
        }
        boolean started = false;
        try {
            ts.onStart();
            started = true;
            runTasks(ts, tt.model(), wt, false); // a TaskSet's loop never parks
        } catch (InterruptTaskSet e) {
            if (e.reschedule()) {
                throw new RescheduleTaskImmediately();
            }
            throw new RescheduleTask();
        } finally {
            if (started || !runtime.stopRequested()) {
                try {
                    ts.onStop();
                } catch (Throwable t) {
                    reportError(t);
                }
            }
        }
        if (runtime.stopRequested()) {
            throw Stopped.INSTANCE;
        }
    }

    /** The next wait in nanoseconds (0 for none, or when the wait time fails: the failure is reported). */
    private long nextWait(WaitTime waitTime) {
        Duration d;
        try {
            d = waitTime.next();
        } catch (RuntimeException e) {
            reportError(e);
            return 0;
        }
        if (d == null || d.isZero() || d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Sleeps the wait time on this thread; false when the user must stop. */
    private boolean sleep(long nanos) {
        if (runtime.stopRequested()) {
            return false;
        }
        if (nanos <= 0) {
            if (Thread.interrupted() && runtime.stopRequested()) {
                return false;
            }
            Thread.yield();
            return !runtime.stopRequested();
        }
        runtime.waiting(true);
        try {
            if (runtime.stopRequested()) {
                return false;
            }
            Thread.sleep(Duration.ofNanos(nanos));
            return !runtime.stopRequested();
        } catch (InterruptedException e) {
            return !runtime.stopRequested();
        } finally {
            runtime.waiting(false);
        }
    }

    private void reportError(Throwable t) {
        Throwable cause = unwrap(t);
        env.events().userError().fire(new Events.UserErrorEvent(env, user, cause));
        env.requestStats().logException(cause);
        // LF-54: like Locust's logging.error("%s\n%s", e, traceback), on local runs and workers alike
        LOG.error("{}", cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
    }

    private static Throwable unwrap(Throwable t) {
        if (t instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null) {
            return ite.getCause();
        }
        return t;
    }
}
