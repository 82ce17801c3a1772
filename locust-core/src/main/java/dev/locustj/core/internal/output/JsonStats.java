package dev.locustj.core.internal.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.locustj.core.LocustException;
import dev.locustj.core.internal.stats.RequestStats;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json} / {@code --json-file} (OUT-30/31): Locust's {@code json.dumps(stats.serialize_stats(), indent=4)},
 * the list of serialized entries (protocol 7.1, without Aggregated), with Python's layout and float reprs.
 * Taking it leaves the entries as they are, so the final CSV files and HTML report written after it keep them.
 */
public final class JsonStats {

    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        WRITER = new ObjectMapper().writer(printer);
    }

    private JsonStats() {
    }

    /** {@code serialize_stats()} of {@code stats} as JSON (the entries are kept). */
    public static String serialize(RequestStats stats) {
        return toJson(stats.serializeStatsKeeping());
    }

    /** {@code --json-file NAME}: writes {@code NAME.json} (the entries are kept). */
    public static Path writeFile(RequestStats stats, String name) {
        Path file = Path.of(name + ".json");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, serialize(stats), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new LocustException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Serialized entries as Python's {@code json.dumps(..., indent=4)} would print them. */
    public static String toJson(List<Map<String, Object>> entries) {
        try {
            return WRITER.writeValueAsString(pythonNumbers(entries));
        } catch (JsonProcessingException e) {
            throw new LocustException("Cannot serialize the stats as JSON: " + e.getMessage(), e);
        }
    }

    /** Doubles become BigDecimals carrying Python's repr, so {@code 1795371966.2438128} isn't printed as 1.79E9. */
    private static Object pythonNumbers(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? new BigDecimal(PyFormat.pyFloat(d)) : null;
        } else if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, pythonNumbers(x)));
            return out;
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(pythonNumbers(x)));
            return out;
        }
        return v;
    }
}
