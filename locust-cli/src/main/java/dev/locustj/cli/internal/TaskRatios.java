package dev.locustj.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locustj.core.User;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.TaskModel;
import dev.locustj.core.internal.UserClasses;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --show-task-ratio} and {@code --show-task-ratio-json} (CLI-49, CLI-50), with Locust's layout. */
public final class TaskRatios {

    private final DefaultEnvironment env;
    private final List<Class<? extends User>> classes;

    /**
     * The ratios of the environment's classes, with the tag filters, --equal-weights and --config-users (CLI-10)
     * applied.
     */
    public TaskRatios(DefaultEnvironment env) {
        this.env = env;
        this.classes = env.userClasses();
    }

    /** Prints both tables like {@code locust --show-task-ratio}. */
    public void print(PrintStream out, int numUsers) {
        out.println();
        out.println(" Task ratio per User class");
        out.println("-".repeat(80));
        print(out, ratios(numUsers, false), 0);
        out.println();
        out.println(" Total task ratio");
        out.println("-".repeat(80));
        print(out, ratios(numUsers, true), 0);
    }

    /** Prints {"per_class": ..., "total": ...} with Python's json.dumps(indent=4) layout. */
    public void printJson(PrintStream out, int numUsers) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("per_class", ratios(numUsers, false));
        data.put("total", ratios(numUsers, true));
        out.println(pythonJson(data));
    }

    /** Python-like pretty JSON: 4-space indent, "key": value. */
    static String pythonJson(Object data) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
        try {
            return new ObjectMapper().writer(pp).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintStream out, Map<String, Object> tree, int level) {
        String padding = "  ".repeat(level);
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            Map<String, Object> node = (Map<String, Object>) e.getValue();
            double ratio = (Double) node.getOrDefault("ratio", 1.0);
            String pct = String.format(Locale.ROOT, "%-6.1f", ratio * 100);
            out.println(String.format(Locale.ROOT, " %-10s %-50s", padding + pct, padding + e.getKey()));
            if (node.containsKey("tasks")) {
                print(out, (Map<String, Object>) node.get("tasks"), level + 1);
            }
        }
    }

    /** The tree {class: {ratio, tasks: {task: {ratio[, tasks]}}}}. */
    Map<String, Object> ratios(int numUsers, boolean total) {
        Map<String, Long> spawned = distribution(numUsers);
        long userCount = Math.max(1, spawned.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Class<? extends User> c : classes) {
            double r = spawned.getOrDefault(UserClasses.name(c), 0L) / (double) userCount;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("ratio", r);
            node.put("tasks", tasks(env.taskModel(c), total, r));
            tree.put(UserClasses.name(c), node);
        }
        return tree;
    }

    private static Map<String, Object> tasks(TaskModel model, boolean total, double parentRatio) {
        double parent = total ? parentRatio : 1.0;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<TaskModel.TaskDef, Double> e : model.ratios().entrySet()) {
            double r = e.getValue() * parent;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("ratio", r);
            if (e.getKey() instanceof TaskModel.TaskSetTask ts) {
                node.put("tasks", tasks(ts.model(), total, r));
            }
            out.merge(e.getKey().name(), node, (a, b) -> a);
        }
        return out;
    }

    /** Users per class for numUsers users (Locust's _calc_distribution). */
    private Map<String, Long> distribution(int numUsers) {
        int fixed = 0;
        int totalWeight = 0;
        for (Class<? extends User> c : classes) {
            int f = fixedCount(c);
            fixed += f;
            if (f == 0) {
                totalWeight += weight(c);
            }
        }
        int n = numUsers > 0 ? numUsers : (fixed == 0 ? totalWeight : 1);
        int weighted = Math.max(0, n - fixed);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Class<? extends User> c : classes) {
            int f = fixedCount(c);
            double count = f != 0 ? f : totalWeight == 0 ? 0 : (double) weight(c) / totalWeight * weighted;
            out.put(UserClasses.name(c), Math.round(Math.rint(count)));
        }
        return out;
    }

    private int weight(Class<? extends User> c) {
        return env.weight(c);
    }

    private int fixedCount(Class<? extends User> c) {
        // Locust's --equal-weights leaves fixed_count alone (the local spawner ignores it); an update still counts
        return env.equalWeights() ? UserClasses.fixedCount(c) : env.fixedCount(c);
    }
}
