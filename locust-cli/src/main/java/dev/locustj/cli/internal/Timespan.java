package dev.locustj.cli.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locust's time spans (CLI-08, CLI-53): {@code 20}, {@code 20s}, {@code 3m}, {@code 2h}, {@code 1h30m}... */
public final class Timespan {

    private static final Pattern BARE = Pattern.compile("\\d+");
    private static final Pattern PARTS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    static final String FORMATS = "Valid formats: 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.";

    private Timespan() {
    }

    /**
     * Parses a time span; a bare number is seconds.
     *
     * @throws IllegalArgumentException with a message for a person when the text is no time span
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Invalid time span format. " + FORMATS);
        }
        try {
            if (BARE.matcher(s).matches()) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            Matcher m = PARTS.matcher(s);
            if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
                throw new IllegalArgumentException("Invalid time span format '" + s + "'. " + FORMATS);
            }
            long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            long min = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            long sec = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
            return Duration.ofHours(h).plusMinutes(min).plusSeconds(sec);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Time span too large: '" + s + "'", e);
        }
    }
}
