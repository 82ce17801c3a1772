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
 */
final class UserLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("locust.user");

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

    UserLoop(LocalRunner runner, DefaultEnvironment env, UserRuntime runtime, UserClassState classState) {
        this.runner = runner;
        this.env = env;
        this.runtime = runtime;
        this.user = runtime.user();
        this.classState = classState;
    }

    @Override
    public void run() {
        runtime.thread(Thread.currentThread());
        try {
            if (runtime.stopRequested()) {
                return;
            }
            try {
                user.onStart();
            } catch (StopUser | Stopped e) {
                return;
            } catch (StopTest e) {
                runner.stopTestFromUser(e);
                return;
            } catch (Throwable t) {
                if (!runtime.stopRequested()) {
                    LOG.error("{}.onStart failed: {}", UserClasses.name(user.getClass()), t.toString());
                    reportError(t);
                }
                return;
            }
            try {
                runTasks(user, classState.model(), runtime.waitTime(), true);
            } finally {
                try {
                    user.onStop();
                } catch (Throwable t) {
                    LOG.error("{}.onStop failed: {}", UserClasses.name(user.getClass()), t.toString());
                    reportError(t);
                }
            }
        } finally {
            runtime.closeResources();
            runner.userEnded(runtime);
        }
    }

    /**
     * The task loop of one owner (the user, or a TaskSet). Returns when the user stops; for a TaskSet it also ends
     * by {@link InterruptTaskSet}, which propagates to the caller.
     */
    private void runTasks(TaskOwner owner, TaskModel model, WaitTime waitTime, boolean root) {
        TaskModel m = model;
        long seq = 0;
        while (!runtime.stopRequested()) {
            if (!runner.takeIteration()) {
                runtime.requestStop();
                return;
            }
            if (root) {
                TaskModel now = classState.model(); // the class's tasks may change while the user runs (LF-81)
                if (!now.isEmpty()) {
                    m = now;
                }
            }
            TaskModel.TaskDef task = m.sequential() ? m.sequenceAt(seq++) : m.pick();
            boolean doWait = true;
            try {
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
                return;
            } catch (StopTest e) {
                runner.stopTestFromUser(e);
                return;
            } catch (Throwable t) {
                if (runtime.stopRequested()) {
                    return; // killed mid-task: not a user error
                }
                if (AlreadyReported.isReported(unwrap(t))) {
                    doWait = true; // recorded as a request failure already (catch-response): like RescheduleTask
                } else {
                    reportError(t);
                    if (!env.catchExceptions()) {
                        return;
                    }
                }
            }
            if (doWait && !sleep(waitTime)) {
                return;
            }
        }
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
            runTasks(ts, tt.model(), wt, false);
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
                    LOG.error("{}.onStop failed: {}", UserClasses.name(ts.getClass()), t.toString());
                    reportError(t);
                }
            }
        }
        if (runtime.stopRequested()) {
            throw Stopped.INSTANCE;
        }
    }

    /** Sleeps the wait time; false when the user must stop. */
    private boolean sleep(WaitTime waitTime) {
        Duration d;
        try {
            d = waitTime.next();
        } catch (RuntimeException e) {
            reportError(e);
            d = Duration.ZERO;
        }
        if (runtime.stopRequested()) {
            return false;
        }
        if (d == null || d.isZero() || d.isNegative()) {
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
            Thread.sleep(d);
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
        LOG.debug("task of {} raised", UserClasses.name(user.getClass()), cause);
    }

    private static Throwable unwrap(Throwable t) {
        if (t instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null) {
            return ite.getCause();
        }
        return t;
    }
}
