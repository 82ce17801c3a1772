package dev.locustj.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Locust configuration file (CFG-02): {@code key = value}, {@code key: value} or {@code key value};
 * {@code #} and {@code ;} comments; {@code [section]} lines ignored; a key alone means {@code true}; lists as
 * {@code [a, b]} (returned joined with commas). Keys may carry the leading {@code --}.
 */
public final class ConfigFile {

    /** One entry of a file, with where it came from (for error messages). */
    public record Entry(String key, String value, Path file, int line) {
        /** "file:line" for messages. */
        public String where() {
            return file + ":" + line;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^(?<key>[^:=;#\\s]+?)(?:\\s*[:=\\s]\\s*(?<value>.*?))?\\s*(?:\\s[;#].*)?$");

    private ConfigFile() {
    }

    /** Parses a file; a file that cannot be read is a configuration error. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("could not read config file '" + file + "': " + e.getMessage());
        }
        return parse(lines, file);
    }

    /** Parses the lines of a file. */
    public static List<Entry> parse(List<String> lines, Path file) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")
                    || (line.startsWith("[") && line.endsWith("]"))) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new UsageException("unexpected line in config file " + file + ":" + (i + 1) + ": " + line);
            }
            String key = m.group("key");
            while (key.startsWith("-")) {
                key = key.substring(1);
            }
            String value = m.group("value");
            value = value == null || value.isEmpty() ? "true" : listValue(value);
            out.add(new Entry(key, value, file, i + 1));
        }
        return out;
    }

    /** The entries by key, later ones replacing earlier ones. */
    public static Map<String, Entry> byKey(List<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.key(), e);
        }
        return m;
    }

    /** {@code [a, 'b', "c"]} becomes {@code a,b,c}; anything else is returned as it is. */
    static String listValue(String value) {
        String v = value.strip();
        if (!(v.startsWith("[") && v.endsWith("]"))) {
            return v;
        }
        String inner = v.substring(1, v.length() - 1).strip();
        if (inner.isEmpty()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        for (String item : inner.split(",")) {
            String s = item.strip();
            if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
                s = s.substring(1, s.length() - 1);
            }
            if (!s.isEmpty()) {
                items.add(s);
            }
        }
        return String.join(",", items);
    }
}
