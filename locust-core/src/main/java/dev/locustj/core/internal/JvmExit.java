package dev.locustj.core.internal;

/** Whether the JVM is exiting (its shutdown hooks run, e.g. after {@code System.exit} in a task). Internal. */
final class JvmExit {

    private JvmExit() {
    }

    /** True while the shutdown hooks run: registering a hook is refused then. */
    static boolean inProgress() {
        Thread probe = Thread.ofPlatform().unstarted(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
