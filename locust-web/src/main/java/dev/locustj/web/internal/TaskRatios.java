package dev.locustj.web.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import dev.locustj.core.internal.DefaultEnvironment;
import dev.locustj.core.internal.TaskModel;
import dev.locustj.core.internal.UserClasses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task-ratio trees of {@code /tasks} (WEB-12) and of the report's final ratio (OUT-46), Locust's
 * {@code get_ratio}: class ratios from the running users per class; per_class task ratios are within the class,
 * total ones multiplied by the class ratio; TaskSets nest.
 */
public final class TaskRatios {

    private TaskRatios() {
    }

    /**
     * The users per class behind the report's final ratio (Locust's html report): once the test is stopping or
     * stopped, the counts when it began to stop; otherwise {@code running}, the counts now.
     */
    public static Map<String, Integer> reportCounts(Runner runner, Map<String, Integer> running) {
        RunnerState s = runner.state();
        boolean stopped = s == RunnerState.STOPPING || s == RunnerState.CLEANUP || s == RunnerState.STOPPED;
        return stopped && !runner.finalUserClassesCount().isEmpty() ? runner.finalUserClassesCount() : running;
    }

    /** {@code {"per_class": {...}, "total": {...}}}. */
    public static Map<String, Object> tasks(Environment env, Map<String, Integer> usersPerClass) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per_class", ratio(env, usersPerClass, false));
        m.put("total", ratio(env, usersPerClass, true));
        return m;
    }

    /** One tree: class name -> {ratio, tasks}. */
    public static Map<String, Object> ratio(Environment env, Map<String, Integer> usersPerClass, boolean total) {
        List<Class<? extends User>> classes = env.userClasses();
        int userCount = 0;
        for (Class<? extends User> c : classes) {
            userCount += usersPerClass.getOrDefault(UserClasses.name(c), 0);
        }
        if (userCount == 0) {
            userCount = 1;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Class<? extends User> c : classes) {
            double r = usersPerClass.getOrDefault(UserClasses.name(c), 0) / (double) userCount;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ratio", r);
            d.put("tasks", taskRatio(model(env, c), total, r));
            out.put(UserClasses.name(c), d);
        }
        return out;
    }

    private static TaskModel model(Environment env, Class<? extends User> c) {
        if (env instanceof DefaultEnvironment d) {
            return d.taskModel(c);
        }
        return TaskModel.of(c, env.tags(), env.excludeTags(), false);
    }

    private static Map<String, Object> taskRatio(TaskModel model, boolean total, double parentRatio) {
        double parent = total ? parentRatio : 1.0;
        Map<String, Object> out = new LinkedHashMap<>();
        int totalWeight = model.totalWeight();
        if (totalWeight == 0) {
            return out;
        }
        for (TaskModel.TaskDef t : model.tasks()) {
            double r = t.weight() * parent / totalWeight;
            @SuppressWarnings("unchecked")
            Map<String, Object> existing = (Map<String, Object>) out.get(t.name());
            if (existing != null) {
                existing.put("ratio", (double) existing.get("ratio") + r);
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ratio", r);
            if (t instanceof TaskModel.TaskSetTask ts) {
                d.put("tasks", taskRatio(ts.model(), total, r));
            }
            out.put(t.name(), d);
        }
        return out;
    }
}
