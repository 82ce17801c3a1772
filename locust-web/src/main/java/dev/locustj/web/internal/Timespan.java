package dev.locustj.web.internal;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locust's {@code parse_timespan}: "20", "20s", "3m", "2h", "1h20m", "3h30m10s" to seconds. */
public final class Timespan {

    /** Locust's message for a bad run time. */
    public static final String FORMATS = "Valid run_time formats are : 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.";

    private static final Pattern SPAN = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private Timespan() {
    }

    /** The seconds, or empty when the text is not a timespan. */
    public static OptionalLong parseSeconds(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                return OptionalLong.of(Long.parseLong(t));
            }
            Matcher m = SPAN.matcher(t);
            if (!m.matches()) {
                return OptionalLong.empty();
            }
            long s = 0;
            if (m.group(1) != null) {
                s += Long.parseLong(m.group(1)) * 3600;
            }
            if (m.group(2) != null) {
                s += Long.parseLong(m.group(2)) * 60;
            }
            if (m.group(3) != null) {
                s += Long.parseLong(m.group(3));
            }
            return OptionalLong.of(s);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
