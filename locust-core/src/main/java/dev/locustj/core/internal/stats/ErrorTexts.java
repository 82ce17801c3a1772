package dev.locustj.core.internal.stats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Locust's texts for failures: Python-like reprs of exceptions, the wire key of an error (protocol 7.2) and the
 * console's rendering of an error (OUT-07).
 */
public final class ErrorTexts {

    private static final String CATCH_RESPONSE_ERROR = "CatchResponseError";

    private ErrorTexts() {
    }

    /**
     * The error as the stats store it, Locust's {@code repr(exception)}: {@code SimpleClassName('message')}, or
     * {@code SimpleClassName()} when the exception has no message. This is the form of the failures CSV and of the
     * wire (protocol 7.2).
     */
    public static String errorRepr(Throwable t) {
        String message = t.getMessage();
        String simple = simpleName(t);
        return message == null ? simple + "()" : simple + "(" + pyRepr(message) + ")";
    }

    /**
     * The error as newest Locust shows it on the console (OUT-07): a {@code CatchResponseError}'s bare message,
     * else the repr (see {@link #errorRepr}).
     */
    public static String errorText(Throwable t) {
        if (CATCH_RESPONSE_ERROR.equals(t.getClass().getSimpleName())) {
            return t.getMessage() == null ? "" : t.getMessage();
        }
        return errorRepr(t);
    }

    /**
     * The console form of a stored error string (Locust's {@code StatsError.to_name} text after the name): a
     * {@code CatchResponseError('got 500')} shows as {@code got 500} (newest standalone), anything else as is.
     */
    public static String displayError(String stored) {
        if (stored.startsWith(CATCH_RESPONSE_ERROR + "(") && stored.endsWith(")")) {
            String inner = stored.substring(CATCH_RESPONSE_ERROR.length() + 1, stored.length() - 1);
            return pyUnquote(inner);
        }
        return stored;
    }

    private static String simpleName(Throwable t) {
        String simple = t.getClass().getSimpleName();
        if (simple.isEmpty()) {
            String n = t.getClass().getName();
            simple = n.substring(n.lastIndexOf('.') + 1);
        }
        return simple;
    }

    /** Masks Python memory addresses ({@code object at 0x7f...>} becomes {@code 0x....}) as Locust's parse_error. */
    public static String maskAddresses(String s) {
        String target = "object at 0x";
        int i = s.indexOf(target);
        if (i < 0) {
            return s;
        }
        int start = i + target.length() - 2;
        int end = s.indexOf('>', start);
        if (end < 0) {
            return s;
        }
        return s.replace(s.substring(start, end), "0x....");
    }

    /**
     * The key of an error on the wire: {@code sha256_hex(method + "." + name + "." + repr(error))} (protocol 7.2),
     * the same as a Python worker's for the same text.
     */
    public static String errorKey(String method, String name, String error) {
        String text = method + "." + name + "." + pyRepr(error);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Python's {@code repr(str)}: single quotes, or double quotes when the text has a single quote and no double
     * quote; backslashes, the quote and control characters escaped.
     */
    public static String pyRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }

    /** Undoes {@link #pyRepr} for a quoted Python string literal; returns the text unchanged if it isn't one. */
    public static String pyUnquote(String s) {
        if (s.length() < 2) {
            return s;
        }
        char q = s.charAt(0);
        if ((q != '\'' && q != '"') || s.charAt(s.length() - 1) != q) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'x' -> {
                    if (i + 2 < s.length() - 1 && Character.digit(s.charAt(i + 1), 16) >= 0
                            && Character.digit(s.charAt(i + 2), 16) >= 0) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        b.append("\\x");
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
