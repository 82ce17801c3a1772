package dev.locustj.runners.internal;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The master's log of problems with what peers send: each (sender, kind) is logged once at its level and then at
 * DEBUG, so that no peer can flood the log; the text is cut at 300 characters and made printable. Thread-safe.
 */
final class SenderLog {

    private static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    SenderLog(Logger log) {
        this.log = log;
    }

    /** A problem: at WARN the first time for this sender and kind, with "(logged once per worker)". */
    void warnOnce(String sender, String kind, String text) {
        if (first(sender, kind)) {
            log.warn("{} (logged once per worker)", printable(text));
        } else {
            log.debug("{}", printable(text));
        }
    }

    /** A notice: at INFO the first time for this sender and kind. */
    void infoOnce(String sender, String kind, String text) {
        if (first(sender, kind)) {
            log.info("{}", printable(text));
        } else {
            log.debug("{}", printable(text));
        }
    }

    private boolean first(String sender, String kind) {
        return logged.size() < MAX_KEYS && logged.add(sender + "\u0000" + kind);
    }

    /** At most 300 characters, with non-printable ones as {@code \xNN}. */
    static String printable(String s) {
        String t = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return t.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? t : t.codePoints()
                .mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c & 0xff))
                .collect(Collectors.joining());
    }
}
