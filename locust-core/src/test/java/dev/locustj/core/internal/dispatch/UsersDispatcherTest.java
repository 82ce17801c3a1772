package dev.locustj.core.internal.dispatch;

import dev.locustj.core.internal.dispatch.UsersDispatcher.UserClassSpec;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher against the distributions Python Locust 2.12.1's own UsersDispatcher yields for the same scenarios
 * (src/test/python/dispatch_reference.py; DIST-20..24).
 */
class UsersDispatcherTest {

    private final List<String> out = new ArrayList<>();
    private String scenario = "";
    private long fakeNanos;

    private UsersDispatcher dispatcher(List<String> workers, UserClassSpec... classes) {
        return new UsersDispatcher(workers, List.of(classes), nanos -> {
            out.add(scenario + " sleep");
            fakeNanos += nanos;
        }, () -> fakeNanos);
    }

    private static UserClassSpec cls(String name, double weight) {
        return new UserClassSpec(name, weight, 0);
    }

    private static UserClassSpec fixed(String name, int count) {
        return new UserClassSpec(name, 1, count);
    }

    private void run(String name, UsersDispatcher d, int target, double rate, List<String> classes)
            throws InterruptedException {
        scenario = name;
        d.newDispatch(target, rate, Optional.ofNullable(classes));
        Optional<Map<String, Map<String, Integer>>> dist;
        while ((dist = d.next()).isPresent()) {
            out.add(name + " " + format(dist.get()));
        }
    }

    private static String format(Map<String, Map<String, Integer>> dist) {
        return dist.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }

    private static String normalise(String line) {
        int sp = line.indexOf(' ');
        String rest = line.substring(sp + 1);
        if (rest.equals("sleep")) {
            return line;
        }
        String[] parts = rest.split(";");
        Arrays.sort(parts);
        return line.substring(0, sp) + " " + String.join(";", parts);
    }

    private static List<String> pythonReference() throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                UsersDispatcherTest.class.getResourceAsStream("/dispatch-reference.txt")), StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.isBlank()).map(UsersDispatcherTest::normalise).toList();
        }
    }

    @Test
    void reproducesPythonLocustDistributionsIterationByIteration() throws Exception {
        var d1 = dispatcher(List.of("vm_556a", "vm_840a"), cls("FakeUser", 1), cls("Other", 2));
        run("capture", d1, 6, 3, null);

        var d2 = dispatcher(List.of("local"), cls("A", 1), cls("B", 2));
        run("ab", d2, 6, 1, null);
        run("ab", d2, 2, 3, null);
        run("ab", d2, 2, 3, null);

        var d3 = dispatcher(List.of("local"), cls("A", 2), cls("B", 5), cls("C", 6));
        run("abc", d3, 26, 13, null);

        var d4 = dispatcher(List.of("hostA_2", "hostB_1", "hostA_1"), fixed("F", 2), fixed("G", 1), cls("A", 1),
                cls("B", 3));
        run("fixed", d4, 10, 2.5, null);
        run("fixed", d4, 4, 3, null);

        var d5 = dispatcher(List.of("h1_a", "h2_b"), cls("A", 1), cls("B", 3));
        run("rebalance", d5, 10, 100, null);
        d5.addWorker("h1_c");
        run("rebalance", d5, 10, 100, null);
        d5.removeWorker("h1_a");
        run("rebalance", d5, 14, 2, null);

        var d6 = dispatcher(List.of("x_1", "y_1", "x_2", "y_2", "z"), cls("P", 1.5), cls("Q", 2), cls("R", 2.4));
        run("floats", d6, 23, 7.5, null);
        run("floats", d6, 5, 7.5, null);

        var d7 = dispatcher(List.of("local"), cls("A", 1), cls("B", 2), cls("C", 1));
        run("subset", d7, 4, 10, List.of("B", "C"));

        var d8 = dispatcher(List.of("local"), fixed("F", 3));
        run("onlyfixed", d8, 5, 10, null);

        assertThat(out.stream().map(UsersDispatcherTest::normalise).toList()).containsExactlyElementsOf(pythonReference());
    }

    @Test
    void weightsOneAndTwoGiveTheDocumentedSequence() throws Exception {
        var d = dispatcher(List.of("local"), cls("A", 1), cls("B", 2));
        d.newDispatch(6, 1, Optional.empty());
        List<String> seq = new ArrayList<>();
        Map<String, Integer> before = Map.of("A", 0, "B", 0);
        Optional<Map<String, Map<String, Integer>>> dist;
        while ((dist = d.next()).isPresent()) {
            Map<String, Integer> now = dist.get().get("local");
            for (String c : List.of("A", "B")) {
                if (!now.get(c).equals(before.get(c))) {
                    seq.add(c);
                }
            }
            before = Map.copyOf(now);
        }
        assertThat(seq).containsExactly("B", "A", "B", "B", "A", "B");
    }

    @Test
    void pacesIterationsByStepOverRate() throws Exception {
        var d = dispatcher(List.of("local"), cls("A", 1));
        d.newDispatch(10, 2.5, Optional.empty()); // steps of 2 users, 0.8 s apart, no sleep after the last
        List<Integer> counts = new ArrayList<>();
        Optional<Map<String, Map<String, Integer>>> dist;
        while ((dist = d.next()).isPresent()) {
            counts.add(dist.get().get("local").get("A"));
        }
        assertThat(counts).containsExactly(2, 4, 6, 8, 10);
        assertThat(fakeNanos).isEqualTo(4 * 800_000_000L);
        assertThat(d.dispatchInProgress()).isFalse();
    }

    @Test
    void rampUpAfterRampDownRefillsNothingWhenFixedClassesAreFull() throws Exception {
        // Python 2.12.1 loops forever here (its fixed-user loop never marks a full class as done); we go on.
        var d = dispatcher(List.of("local"), fixed("F", 1), cls("A", 1));
        run("x", d, 3, 10, null);
        run("x", d, 2, 10, null);
        run("x", d, 4, 10, null);
        assertThat(out).containsExactly("x local:A=2,F=1", "x local:A=1,F=1", "x local:A=3,F=1");
    }

    @Test
    void workerOrderSpreadsHostsFirst() {
        assertThat(UsersDispatcher.sortWorkers(List.of("b_2", "a_1", "a_2", "b_1", "c")))
                .containsExactly("a_1", "b_1", "c", "a_2", "b_2");
    }
}
