package dev.locustj.core.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.SequentialTaskSet;
import dev.locustj.core.Tag;
import dev.locustj.core.Task;
import dev.locustj.core.TaskSet;
import dev.locustj.core.TaskSetRef;
import dev.locustj.core.User;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskModelTest {

    public static class Shop extends User {
        @Task(1) public void home() { }
        @Task(3) @Tag("cart") public void cart() { }
        @Task(6) @Tag({"browse", "slow"}) public void browse() { }
    }

    public static class WithNested extends User {
        @Task public void top() { }

        @Task(2)
        @Tag("nested")
        public static class Inner extends TaskSet<WithNested> {
            @Task public void a() { }
            @Task @Tag("b") public void b() { }
        }
    }

    public static class Steps extends SequentialTaskSet<User> {
        @Task public void first() { }
        @Task(2) public void second() { }
        @Task public void third() { }
    }

    @TaskSetRef(value = Steps.class, weight = 4)
    public static class WithRef extends User {
        @Task public void own() { }
    }

    public static class NoTasks extends User {
        public void notATask() { }
    }

    public static class BadTask extends User {
        @Task public void withArg(int x) { }
    }

    public static class Base extends User {
        @Task public void inherited() { }
    }

    public static class Derived extends Base {
        @Task(2) public void own() { }
    }

    @Test
    void weightedPicksFollowTheWeightsWithinStatisticalBounds() { // LF-23
        TaskModel m = TaskModel.of(Shop.class, Set.of(), Set.of(), false);
        assertThat(m.totalWeight()).isEqualTo(10);
        Map<String, Integer> hits = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            hits.merge(m.pick().name(), 1, Integer::sum);
        }
        // binomial sd for p=0.1 over 100k is ~95; allow 6 sd
        assertThat(hits.get("home")).isBetween(10_000 - 600, 10_000 + 600);
        assertThat(hits.get("cart")).isBetween(30_000 - 900, 30_000 + 900);
        assertThat(hits.get("browse")).isBetween(60_000 - 1000, 60_000 + 1000);
    }

    @Test
    void pickCoversEveryWeightSlotExactly() {
        TaskModel m = TaskModel.of(Shop.class, Set.of(), Set.of(), false);
        Map<String, Integer> slots = new HashMap<>();
        for (int r = 0; r < m.totalWeight(); r++) {
            slots.merge(m.pick(r).name(), 1, Integer::sum);
        }
        assertThat(slots).isEqualTo(Map.of("home", 1, "cart", 3, "browse", 6));
    }

    @Test
    void tasksKeepDeclarationOrder() {
        TaskModel m = TaskModel.of(Shop.class, Set.of(), Set.of(), false);
        assertThat(m.tasks()).extracting(TaskModel.TaskDef::name).containsExactly("home", "cart", "browse");
    }

    @Test
    void tagsIncludeAndExclude() { // LF-57, LF-58
        assertThat(TaskModel.of(Shop.class, Set.of("cart"), Set.of(), false).tasks())
                .extracting(TaskModel.TaskDef::name).containsExactly("cart");
        assertThat(TaskModel.of(Shop.class, Set.of(), Set.of("slow"), false).tasks())
                .extracting(TaskModel.TaskDef::name).containsExactly("home", "cart");
        assertThat(TaskModel.of(Shop.class, Set.of("nothing"), Set.of(), false).isEmpty()).isTrue();
    }

    @Test
    void tagOnTaskSetTagsAllItsTasks() {
        TaskModel m = TaskModel.of(WithNested.class, Set.of("nested"), Set.of(), false);
        assertThat(m.tasks()).hasSize(1);
        TaskModel.TaskSetTask inner = (TaskModel.TaskSetTask) m.tasks().get(0);
        assertThat(inner.weight()).isEqualTo(2);
        assertThat(inner.model().tasks()).extracting(TaskModel.TaskDef::name).containsExactly("a", "b");
        TaskModel excl = TaskModel.of(WithNested.class, Set.of(), Set.of("b"), false);
        TaskModel.TaskSetTask inner2 = (TaskModel.TaskSetTask) excl.tasks().get(1);
        assertThat(inner2.model().tasks()).extracting(TaskModel.TaskDef::name).containsExactly("a");
    }

    @Test
    void sequentialTaskSetRepeatsByWeightInOrder() { // LF-55
        TaskModel m = TaskModel.of(WithRef.class, Set.of(), Set.of(), false);
        assertThat(m.tasks()).extracting(TaskModel.TaskDef::name).containsExactly("Steps", "own");
        TaskModel steps = ((TaskModel.TaskSetTask) m.tasks().get(0)).model();
        assertThat(steps.sequential()).isTrue();
        List<String> seq = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seq.add(steps.sequenceAt(i).name());
        }
        assertThat(seq).containsExactly("first", "second", "second", "third", "first", "second", "second", "third");
    }

    @Test
    void inheritedTasksAreIncluded() {
        assertThat(TaskModel.of(Derived.class, Set.of(), Set.of(), false).tasks())
                .extracting(TaskModel.TaskDef::name).containsExactly("inherited", "own");
    }

    @Test
    void equalWeightsFlattensToWeightOne() { // LF-59
        TaskModel m = TaskModel.of(Shop.class, Set.of(), Set.of(), true);
        assertThat(m.tasks()).allMatch(t -> t.weight() == 1);
    }

    @Test
    void classWithoutTasksIsAConfigurationError() {
        assertThatThrownBy(() -> TaskModel.of(NoTasks.class, Set.of(), Set.of(), false))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("No tasks defined on NoTasks");
        assertThatThrownBy(() -> TaskModel.of(BadTask.class, Set.of(), Set.of(), false))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must take no arguments");
    }
}
