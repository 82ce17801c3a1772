package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;

import java.util.Locale;
import java.util.Map;

/**
 * The most users one process accepts ({@code --max-users}): the option when given, else what the maximum heap
 * holds. A running user needs ~4.4 KB of live heap and ~12 KB of resident memory (docs/performance.md), so the
 * default allows {@link #BYTES_PER_USER} of maximum heap per user; a master keeps only its dispatcher's
 * bookkeeping per user ({@link #BYTES_PER_DISPATCHED_USER}). A start above the limit is refused with a message
 * that names the limit and how to raise it, instead of running the process out of memory.
 */
public final class UserLimit {

    /** The option's long name (the key in {@code Environment.options()} and in locust.conf). */
    public static final String OPTION = "max-users";
    /**
     * Maximum heap per user by default for a process that runs users: ~2.7 times the ~4.4 KB of live heap an idle
     * user takes (10,000 idle users run in a 128 MB heap).
     */
    public static final long BYTES_PER_USER = 12 * 1024;
    /** Maximum heap per user a master needs by default: its dispatcher keeps ~30 bytes per user, with a margin. */
    public static final long BYTES_PER_DISPATCHED_USER = 256;

    private final int max;
    private final boolean explicit;
    private final long bytesPerUser;

    private UserLimit(int max, boolean explicit, long bytesPerUser) {
        this.max = max;
        this.explicit = explicit;
        this.bytesPerUser = bytesPerUser;
    }

    /**
     * The limit from {@code options} ({@value #OPTION}, a whole number > 0), else from this JVM's maximum heap at
     * {@code bytesPerUser}. A bad option value is a {@link ConfigurationException}.
     */
    public static UserLimit of(Map<String, String> options, long bytesPerUser) {
        String v = options.get(OPTION);
        if (v != null && !v.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new ConfigurationException("--max-users must be a whole number > 0, got '" + v + "'");
            }
            if (n < 1) {
                throw new ConfigurationException("--max-users must be a whole number > 0, got " + n);
            }
            return new UserLimit(n, true, bytesPerUser);
        }
        return new UserLimit(fromHeap(Runtime.getRuntime().maxMemory(), bytesPerUser), false, bytesPerUser);
    }

    /** The default limit for a maximum heap of {@code maxHeapBytes}: at least 1, at most {@link Integer#MAX_VALUE}. */
    static int fromHeap(long maxHeapBytes, long bytesPerUser) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / bytesPerUser));
    }

    /** The most users. */
    public int max() {
        return max;
    }

    /** Whether {@code --max-users} set it (rather than the heap). */
    public boolean explicit() {
        return explicit;
    }

    /** Throws {@link ConfigurationException} with {@link #message} when {@code userCount} is above the limit. */
    public void check(String what, long userCount) {
        if (userCount > max) {
            throw new ConfigurationException(message(what, userCount));
        }
    }

    /**
     * "user count 1000000000 is above the limit of 65536 users (...)": what is wrong and how to raise the limit;
     * {@code what} names the value ("user_count", "-u/--users").
     */
    public String message(String what, long userCount) {
        String perUser = bytesPerUser >= 1024 ? (bytesPerUser >> 10) + " KB" : bytesPerUser + " bytes";
        String why = explicit ? "set by --max-users"
                : String.format(Locale.ROOT, "what a maximum heap of %d MB holds at %s per user; raise it with "
                        + "--max-users or a larger heap, e.g. LOCUSTJ_JAVA_OPTS=-Xmx4g",
                Runtime.getRuntime().maxMemory() >> 20, perUser);
        return what + " " + userCount + " is above the limit of " + max + " users (" + why + ")";
    }
}
