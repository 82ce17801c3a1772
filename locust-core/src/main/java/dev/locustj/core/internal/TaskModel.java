package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.SequentialTaskSet;
import dev.locustj.core.Tag;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.TaskOwner;
import dev.locustj.core.TaskSetRef;
import dev.locustj.core.User;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tasks of a User or TaskSet class: methods annotated {@link Task}, nested TaskSet classes annotated
 * {@link Task}, and {@link TaskSetRef}s, with weights, after tag filtering (LF-23, LF-50, LF-57, LF-58).
 * Built once per class; picking a task is a binary search over cumulative weights (the same distribution as
 * Locust's list with each task repeated weight times).
 */
public final class TaskModel {

    /** One task: a method, or a TaskSet class with its own model. */
    public sealed interface TaskDef permits MethodTask, TaskSetTask {
        /** The task's weight. */
        int weight();

        /** A name for listings (method name or class name). */
        String name();
    }

    /** A task method. */
    public record MethodTask(String name, int weight, Method method, MethodHandle handle, Set<String> tags)
            implements TaskDef {
        /** Runs the task on {@code owner}; exceptions of the task propagate unchanged. */
        public void invoke(Object owner) throws Throwable {
            handle.invokeExact(owner);
        }
    }

    /** A TaskSet used as a task. */
    public record TaskSetTask(String name, int weight, Class<? extends TaskSet<?>> type, TaskModel model)
            implements TaskDef {
    }

    private final Class<?> owner;
    private final List<TaskDef> tasks;
    private final boolean sequential;
    private final int[] cumulative;
    private final List<TaskDef> sequence;

    private TaskModel(Class<?> owner, List<TaskDef> tasks, boolean sequential) {
        this.owner = owner;
        this.tasks = List.copyOf(tasks);
        this.sequential = sequential;
        this.cumulative = new int[tasks.size()];
        int sum = 0;
        List<TaskDef> seq = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskDef t = tasks.get(i);
            sum += t.weight();
            cumulative[i] = sum;
            if (sequential) {
                for (int k = 0; k < t.weight(); k++) {
                    seq.add(t);
                }
            }
        }
        this.sequence = List.copyOf(seq);
    }

    /**
     * Builds the model of a User class; fails with a {@link ConfigurationException} if it defines no task at all.
     * Tag filtering may leave it empty ({@link #isEmpty()}).
     */
    public static TaskModel of(Class<? extends User> userClass, Set<String> tags, Set<String> excludeTags,
                               boolean equalWeights) {
        TaskModel raw = build(userClass, Set.of(), Set.of(), Set.of(), false, new HashMap<>());
        if (raw.isEmpty()) {
            throw new ConfigurationException("No tasks defined on " + UserClasses.name(userClass)
                    + ". Annotate methods with @Task (or make the class abstract if it is only a base class)");
        }
        TaskModel model = tags.isEmpty() && excludeTags.isEmpty() ? raw
                : build(userClass, Set.of(), tags, excludeTags, false, new HashMap<>());
        return equalWeights ? model.flattenEqual() : model;
    }

    /** Builds the model of any task owner class with tag filtering. */
    static TaskModel build(Class<?> owner, Set<String> inheritedTags, Set<String> tags, Set<String> excludeTags,
                           boolean equalWeights, Map<Class<?>, TaskModel> seen) {
        Set<String> ownerTags = new HashSet<>(inheritedTags);
        Tag ownerTag = owner.getAnnotation(Tag.class);
        if (ownerTag != null) {
            ownerTags.addAll(Arrays.asList(ownerTag.value()));
        }
        List<TaskDef> defs = new ArrayList<>();
        Map<String, Integer> byName = new LinkedHashMap<>();
        // Walk from the top-most superclass down so inherited tasks come first (Locust collects base tasks too).
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = owner; c != null && c != Object.class && c != User.class && c != TaskSet.class
                && c != SequentialTaskSet.class; c = c.getSuperclass()) {
            chain.add(c);
        }
        Collections.reverse(chain);
        for (Class<?> c : chain) {
            for (TaskSetRef ref : c.getAnnotationsByType(TaskSetRef.class)) {
                @SuppressWarnings("unchecked")
                Class<? extends TaskSet<?>> ts = (Class<? extends TaskSet<?>>) (Class<?>) ref.value();
                addTaskSet(defs, byName, ts, ref.weight(), ownerTags, tags, excludeTags, equalWeights, seen);
            }
            for (Method m : declaredMethodsInOrder(c)) {
                Task t = m.getAnnotation(Task.class);
                if (t == null) {
                    continue;
                }
                checkTaskMethod(c, m, t);
                Set<String> mTags = new HashSet<>(ownerTags);
                Tag mt = m.getAnnotation(Tag.class);
                if (mt != null) {
                    mTags.addAll(Arrays.asList(mt.value()));
                }
                if (!passes(mTags, tags, excludeTags)) {
                    byName.remove(m.getName());
                    continue;
                }
                MethodTask task = new MethodTask(m.getName(), t.value(), m, handle(m), Set.copyOf(mTags));
                Integer at = byName.get(m.getName());
                if (at != null) {
                    defs.set(at, task);
                } else {
                    byName.put(m.getName(), defs.size());
                    defs.add(task);
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                Task t = nested.getAnnotation(Task.class);
                if (t == null) {
                    continue;
                }
                if (!TaskSet.class.isAssignableFrom(nested)) {
                    throw new ConfigurationException("@Task on class " + nested.getName()
                            + ": only TaskSet classes can be tasks");
                }
                @SuppressWarnings("unchecked")
                Class<? extends TaskSet<?>> ts = (Class<? extends TaskSet<?>>) nested;
                addTaskSet(defs, byName, ts, t.value(), ownerTags, tags, excludeTags, equalWeights, seen);
            }
        }
        defs.removeIf(java.util.Objects::isNull);
        boolean sequential = SequentialTaskSet.class.isAssignableFrom(owner);
        return new TaskModel(owner, defs, sequential);
    }

    private static void addTaskSet(List<TaskDef> defs, Map<String, Integer> byName,
                                   Class<? extends TaskSet<?>> ts, int weight, Set<String> ownerTags,
                                   Set<String> tags, Set<String> excludeTags, boolean equalWeights,
                                   Map<Class<?>, TaskModel> seen) {
        if (weight < 1) {
            throw new ConfigurationException("task weight of " + ts.getName() + " must be >= 1, got " + weight);
        }
        if (Modifier.isAbstract(ts.getModifiers())) {
            throw new ConfigurationException("TaskSet " + ts.getName() + " is abstract and cannot be a task");
        }
        if (ts.getEnclosingClass() != null && !Modifier.isStatic(ts.getModifiers())) {
            throw new ConfigurationException("TaskSet " + ts.getName() + " must be a static nested class");
        }
        TaskModel sub = seen.get(ts);
        if (sub == null) {
            if (seen.containsKey(ts)) {
                return;
            }
            seen.put(ts, null); // guards against cycles
            sub = build(ts, ownerTags, tags, excludeTags, equalWeights, seen);
            seen.put(ts, sub);
        }
        if (sub.isEmpty()) {
            if (tags.isEmpty() && excludeTags.isEmpty()) {
                throw new ConfigurationException("No tasks defined on TaskSet " + ts.getName());
            }
            return;
        }
        String name = UserClasses.name(ts);
        byName.put("class:" + ts.getName(), defs.size());
        defs.add(new TaskSetTask(name, weight, ts, sub));
    }

    private static boolean passes(Set<String> taskTags, Set<String> tags, Set<String> excludeTags) {
        if (!tags.isEmpty() && Collections.disjoint(taskTags, tags)) {
            return false;
        }
        return excludeTags.isEmpty() || Collections.disjoint(taskTags, excludeTags);
    }

    private static void checkTaskMethod(Class<?> c, Method m, Task t) {
        if (m.getParameterCount() != 0) {
            throw new ConfigurationException("@Task method " + c.getName() + "." + m.getName()
                    + " must take no arguments");
        }
        if (Modifier.isStatic(m.getModifiers())) {
            throw new ConfigurationException("@Task method " + c.getName() + "." + m.getName()
                    + " must not be static");
        }
        if (t.value() < 1) {
            throw new ConfigurationException("@Task weight of " + c.getName() + "." + m.getName()
                    + " must be >= 1, got " + t.value());
        }
        if (m.getName().equals("onStart") || m.getName().equals("onStop")) {
            throw new ConfigurationException("@Task on " + c.getName() + "." + m.getName()
                    + ": onStart/onStop are not tasks");
        }
    }

    private static MethodHandle handle(Method m) {
        try {
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m)
                    .asType(MethodType.methodType(void.class, Object.class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ConfigurationException("cannot call task " + m + ": " + e.getMessage(), e);
        }
    }

    /** The class's declared methods in source (class-file) order; reflection's order is unspecified. */
    static List<Method> declaredMethodsInOrder(Class<?> c) {
        Method[] methods = c.getDeclaredMethods();
        List<String> order = new ArrayList<>();
        String resource = c.getName().replace('.', '/') + ".class";
        ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                     String[] exceptions) {
                        order.add(name + descriptor);
                        return null;
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
        } catch (IOException | RuntimeException e) {
            order.clear();
        }
        List<Method> list = new ArrayList<>(Arrays.asList(methods));
        list.removeIf(Method::isSynthetic);
        if (order.isEmpty()) {
            list.sort((a, b) -> a.getName().compareTo(b.getName()));
        } else {
            list.sort((a, b) -> Integer.compare(index(order, a), index(order, b)));
        }
        return list;
    }

    private static int index(List<String> order, Method m) {
        String key = m.getName() + org.objectweb.asm.Type.getMethodDescriptor(m);
        int i = order.indexOf(key);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /**
     * --equal-weights (LF-59, Locust's {@code assign_equal_weights}): the tasks of nested TaskSets are expanded
     * into one flat list of methods, each once and with weight 1. Where Locust calls a nested TaskSet's function
     * with the user's own task set, a flattened method here runs on a new instance of its TaskSet (bound to the
     * user and its enclosing TaskSets, without {@code onStart}/{@code onStop}) each time it is picked.
     */
    private TaskModel flattenEqual() {
        List<TaskDef> flat = new ArrayList<>();
        collectFlat(this, List.of(), flat, new HashSet<>());
        return new TaskModel(owner, flat, false);
    }

    private static void collectFlat(TaskModel m, List<Class<?>> path, List<TaskDef> into, Set<Method> seen) {
        for (TaskDef d : m.tasks) {
            if (d instanceof MethodTask mt) {
                if (seen.add(mt.method())) {
                    MethodHandle handle = path.isEmpty() ? mt.handle() : MethodHandles.filterArguments(mt.handle(),
                            0, NESTED_OWNER.bindTo(path.toArray(Class<?>[]::new)));
                    into.add(new MethodTask(mt.name(), 1, mt.method(), handle, mt.tags()));
                }
            } else if (d instanceof TaskSetTask tt) {
                List<Class<?>> sub = new ArrayList<>(path);
                sub.add(tt.type());
                collectFlat(tt.model(), sub, into, seen);
            }
        }
    }

    private static final MethodHandle NESTED_OWNER;

    static {
        try {
            NESTED_OWNER = MethodHandles.lookup().findStatic(TaskModel.class, "nestedOwner",
                    MethodType.methodType(Object.class, Class[].class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The TaskSet a flattened method runs on: the chain of {@code path} created under {@code user}. */
    private static Object nestedOwner(Class<?>[] path, Object user) {
        User u = (User) user;
        TaskOwner parent = u;
        for (Class<?> type : path) {
            parent = (TaskOwner) UserRuntime.construct(type, new UserRuntime.TaskSetBinding(u, parent));
        }
        return parent;
    }

    /**
     * This model with only the tasks named in {@code names} (method name, or a TaskSet's simple class name), in
     * declaration order (LF-81 {@code update_user_class} "tasks"). May be empty.
     */
    public TaskModel keep(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        List<TaskDef> kept = new ArrayList<>();
        for (TaskDef d : tasks) {
            if (wanted.contains(d.name())) {
                kept.add(d);
            }
        }
        return kept.size() == tasks.size() ? this : new TaskModel(owner, kept, sequential);
    }

    /** The owner class. */
    public Class<?> owner() {
        return owner;
    }

    /** The tasks, in declaration order. */
    public List<TaskDef> tasks() {
        return tasks;
    }

    /** Whether no task is left. */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** Whether tasks run in order ({@link SequentialTaskSet}). */
    public boolean sequential() {
        return sequential;
    }

    /** The sum of the weights. */
    public int totalWeight() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** A weighted random pick. */
    public TaskDef pick() {
        return pick(ThreadLocalRandom.current().nextInt(totalWeight()));
    }

    /** The task at {@code r} in [0, totalWeight). */
    public TaskDef pick(int r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return tasks.get(lo);
    }

    /** The {@code i}-th task of the sequential order (weights repeat a task), modulo its length. */
    public TaskDef sequenceAt(long i) {
        return sequence.get((int) (i % sequence.size()));
    }

    /** The length of the sequential order. */
    public int sequenceLength() {
        return sequence.size();
    }

    /** Each task's share in this model (for --show-task-ratio), keeping the declaration order. */
    public Map<TaskDef, Double> ratios() {
        Map<TaskDef, Double> r = new LinkedHashMap<>();
        double total = totalWeight();
        for (TaskDef d : tasks) {
            r.merge(d, d.weight() / total, Double::sum);
        }
        return r;
    }
}
