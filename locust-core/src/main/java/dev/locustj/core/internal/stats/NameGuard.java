package dev.locustj.core.internal.stats;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Bounds the number of distinct request names a process keeps: past {@code maxNames} it warns once, naming the
 * shape most of the recent new names share and suggesting {@code name(...)}; past the hard limit ({@value #HARD_FACTOR}
 * times {@code maxNames}) a new name is folded into one {@value #OTHER} entry per method, so its requests are still
 * counted. Called only when a name is seen for the first time (not on the hot path).
 */
final class NameGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RequestStats.class);
    /** The name new names are folded into past the hard limit. */
    static final String OTHER = "(other)";
    /** The hard limit is this many times {@code maxNames}. */
    static final int HARD_FACTOR = 10;
    /** The default of {@code --max-names}. */
    static final int DEFAULT_MAX_NAMES = 1000;
    private static final int RECENT = 256;
    private static final Pattern DELIMITERS = Pattern.compile("(?<=[/?&=#;,.])|(?=[/?&=#;,.])");
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F_-]*[0-9][0-9a-fA-F_-]*");

    private volatile int maxNames = DEFAULT_MAX_NAMES;
    private final String[] recent = new String[RECENT];
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicBoolean folding = new AtomicBoolean();

    void maxNames(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max names must be >= 1, got " + max);
        }
        this.maxNames = max;
    }

    int maxNames() {
        return maxNames;
    }

    int hardLimit() {
        long hard = (long) maxNames * HARD_FACTOR;
        return (int) Math.min(hard, Integer.MAX_VALUE);
    }

    /** Forgets the warnings given (a new run starts from no names). */
    void rearm() {
        warned.set(false);
        folding.set(false);
    }

    /**
     * The name to keep a new name under, given how many names are kept already: the name itself, or {@value #OTHER}
     * past the hard limit. Warns once when the count passes {@code maxNames} and once when folding starts.
     */
    String admit(String name, int kept) {
        if (kept >= hardLimit() && !OTHER.equals(name)) {
            if (folding.compareAndSet(false, true)) {
                LOG.warn("{} distinct request names reached (10 x --max-names): requests to further new names are "
                        + "counted under the name '{}' of their method", hardLimit(), OTHER);
            }
            return OTHER;
        }
        recent[Math.floorMod(added.getAndIncrement(), RECENT)] = name;
        if (kept + 1 > maxNames && warned.compareAndSet(false, true)) {
            LOG.warn(warning(kept + 1));
        }
        return name;
    }

    /** The warning past {@code maxNames}. */
    String warning(int count) {
        String pattern = fastestGrowingPattern();
        return String.format("More than %d distinct request names (--max-names): %d so far, most new ones like "
                + "'%s'. Give such requests one name with name(...), e.g. opt -> opt.name(\"%s\"). Past %d names, "
                + "new names are counted under '%s'.", maxNames, count, pattern, pattern, hardLimit(), OTHER);
    }

    /**
     * The shape most of the recent new names share: path, query and other segments that look like ids (hex digits
     * and dashes, at least one digit) become {@code [id]}; when no shape repeats, the recent names' common prefix
     * followed by {@code *}.
     */
    String fastestGrowingPattern() {
        int n = Math.min(added.get(), RECENT);
        Map<String, Integer> shapes = new HashMap<>();
        String best = null;
        int bestCount = 0;
        String prefix = null;
        for (int i = 0; i < n; i++) {
            String name = recent[i];
            if (name == null) {
                continue;
            }
            int c = shapes.merge(shape(name), 1, Integer::sum);
            if (c > bestCount) {
                bestCount = c;
                best = shape(name);
            }
            prefix = prefix == null ? name : commonPrefix(prefix, name);
        }
        if (best == null) {
            return "*";
        }
        return bestCount >= 2 ? best : prefix + "*";
    }

    static String shape(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (String part : DELIMITERS.split(name)) {
            b.append(ID.matcher(part).matches() ? "[id]" : part);
        }
        return b.toString();
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        int max = Math.min(a.length(), b.length());
        while (i < max && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
