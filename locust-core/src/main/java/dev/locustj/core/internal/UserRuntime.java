package dev.locustj.core.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.TaskOwner;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The runner's side of one user: binding at construction, stop requests, the kept wait time. Internal.
 */
public final class UserRuntime {

    private static final ThreadLocal<Object> BINDING = new ThreadLocal<>();

    private final Environment environment;
    private final String host;
    private final long id;
    private volatile boolean stopRequested;
    private volatile boolean waiting;
    private volatile Thread thread;
    private volatile boolean ended;
    /** What the user runs (a task's name, onStart, onStop; null before its thread ran), for the stop warning. */
    private volatile String activity;
    /** While parked between tasks (no thread): the pending wake-up and what resumes the user. Guarded by this. */
    private ScheduledFuture<?> parkedTimer;
    private Runnable parkedResume;
    /** Created when someone waits for the end. Guarded by this. */
    private CountDownLatch endLatch;
    private User user;
    private WaitTime waitTime;
    private final java.util.Deque<AutoCloseable> closeables = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Creates the runtime for a user about to be constructed. */
    public UserRuntime(Environment environment, String host, long id) {
        this.environment = environment;
        this.host = host;
        this.id = id;
    }

    /** Called by the {@link User} constructor. */
    public static UserRuntime bindCurrent(User user) {
        Object b = BINDING.get();
        UserRuntime runtime = b instanceof UserRuntime r ? r : new UserRuntime(null, "", 0);
        runtime.user = user;
        return runtime;
    }

    /** The binding a TaskSet constructor reads. */
    public record TaskSetBinding(User user, TaskOwner parent) {
    }

    /** Called by the TaskSet constructor. */
    public static TaskSetBinding currentTaskSetBinding() {
        if (BINDING.get() instanceof TaskSetBinding b) {
            return b;
        }
        throw new LocustException("a TaskSet is created by the runner, not with new");
    }

    /** What a LoadTestShape sees of its runner. */
    public interface ShapeBinding {
        /** Seconds since start or reset. */
        double runTimeSeconds();

        /** Restarts the clock. */
        void resetTime();

        /** The runner. */
        Optional<Runner> runner();
    }

    /** Called by the LoadTestShape constructor. */
    public static ShapeBinding currentShapeBinding() {
        if (BINDING.get() instanceof ShapeBinding b) {
            return b;
        }
        // A shape created outside a runner (e.g. in a unit test): a clock of its own, no runner.
        return new ShapeClock(Optional::empty);
    }

    /** A simple shape clock. */
    public static final class ShapeClock implements ShapeBinding {
        private final Supplier<Optional<Runner>> runner;
        private volatile long start = System.nanoTime();

        /** Creates the clock, started now. */
        public ShapeClock(Supplier<Optional<Runner>> runner) {
            this.runner = runner;
        }

        @Override
        public double runTimeSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        @Override
        public void resetTime() {
            start = System.nanoTime();
        }

        @Override
        public Optional<Runner> runner() {
            return runner.get();
        }
    }

    /**
     * Creates an instance of {@code type} through its no-argument constructor with {@code binding} visible to the
     * base-class constructor. User code exceptions are wrapped in a LocustException naming the class.
     */
    public static <T> T construct(Class<T> type, Object binding) {
        Object previous = BINDING.get();
        BINDING.set(binding);
        try {
            Constructor<T> ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LocustException le) {
                throw le;
            }
            throw new LocustException("creating " + type.getName() + " failed: " + cause, cause);
        } catch (ExceptionInInitializerError e) { // a static initializer threw
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new LocustException("creating " + type.getName() + " failed: its static initializer threw "
                    + cause, cause);
        } catch (LinkageError e) { // e.g. NoClassDefFoundError after a failed static initializer
            throw new LocustException("creating " + type.getName() + " failed: " + e, e);
        } catch (NoSuchMethodException e) {
            throw new LocustException(type.getName() + " needs a no-argument constructor", e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new LocustException("cannot create " + type.getName() + ": " + e, e);
        } finally {
            if (previous == null) {
                BINDING.remove();
            } else {
                BINDING.set(previous);
            }
        }
    }

    /** The environment; fails for a user created outside a runner. */
    public Environment environment() {
        if (environment == null) {
            throw new LocustException("this user was not created by a runner; use Environment.createLocalRunner()");
        }
        return environment;
    }

    /** The resolved host. */
    public String host() {
        return host;
    }

    /** The user's id. */
    public long id() {
        return id;
    }

    /** The user instance. */
    public User user() {
        return user;
    }

    /** Asks the user to stop: at once when waiting (or parked), else after the current task. */
    public void requestStop() {
        stop(false);
    }

    /** Whether a stop was requested. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Interrupts the user's thread whatever it is doing (stop timeout reached). */
    public void kill() {
        stop(true);
    }

    private void stop(boolean force) {
        Runnable resume;
        Thread t;
        boolean interrupt;
        synchronized (this) {
            stopRequested = true;
            resume = takeParked();
            t = thread;
            interrupt = force || waiting;
        }
        if (resume != null) {
            resume.run(); // a fresh thread sees the stop at once and runs on_stop
        } else if (interrupt && t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    /**
     * Parks the user between two tasks without holding a thread: {@code resume} (which starts a new thread for the
     * user) runs after {@code nanos}, or at once on a stop request. The calling thread must then end without touching
     * the user. Returns false (nothing scheduled) when a stop was already requested.
     */
    synchronized boolean park(long nanos, Runnable resume) {
        if (stopRequested) {
            return false;
        }
        thread = null;
        parkedResume = resume;
        parkedTimer = UserTimer.schedule(this::wake, nanos);
        return true;
    }

    private void wake() {
        Runnable resume;
        synchronized (this) {
            resume = parkedResume;
            parkedResume = null;
            parkedTimer = null;
        }
        if (resume != null) {
            resume.run();
        }
    }

    /** Guarded by this: the pending resume, cancelling its timer; null when not parked. */
    private Runnable takeParked() {
        Runnable resume = parkedResume;
        if (resume != null) {
            parkedResume = null;
            parkedTimer.cancel(false);
            parkedTimer = null;
        }
        return resume;
    }

    /** Marks the user as ended (on_stop done, resources closed) and releases {@link #awaitEnd} callers. */
    void ended() {
        synchronized (this) {
            ended = true;
            if (endLatch != null) {
                endLatch.countDown();
            }
        }
    }

    /** Waits up to {@code nanos} for the user to end; true when it has. */
    public boolean awaitEnd(long nanos) throws InterruptedException {
        if (ended) {
            return true;
        }
        CountDownLatch latch;
        synchronized (this) {
            if (ended) {
                return true;
            }
            if (endLatch == null) {
                endLatch = new CountDownLatch(1);
            }
            latch = endLatch;
        }
        return latch.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records the thread that runs this user. */
    public void thread(Thread thread) {
        this.thread = thread;
    }

    /** The thread that runs this user now, if any (none before the start and while parked between tasks). */
    public Optional<Thread> thread() {
        return Optional.ofNullable(thread);
    }

    /** Records what the user runs now: a task's name, or onStart/onStop. */
    void activity(String what) {
        this.activity = what;
    }

    /** What the user runs now, or ran last; empty before its thread first ran. */
    Optional<String> activity() {
        return Optional.ofNullable(activity);
    }

    /** Marks whether the user is in its wait (interruptible at once on stop). */
    public void waiting(boolean waiting) {
        this.waiting = waiting;
    }

    /** Registers a resource closed when the user ends. */
    public void closeOnStop(AutoCloseable resource) {
        closeables.push(java.util.Objects.requireNonNull(resource, "resource"));
    }

    /** Closes the registered resources, last registered first; failures are logged at debug level. */
    public void closeResources() {
        AutoCloseable c;
        while ((c = closeables.poll()) != null) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger("locust.user").debug("closing {} failed", c, e);
            }
        }
    }

    /** The user's wait time, asked once. */
    public WaitTime waitTime() {
        WaitTime w = waitTime;
        if (w == null) {
            w = user.waitTime();
            if (w == null) {
                w = WaitTime.none();
            }
            waitTime = w;
        }
        return w;
    }
}
