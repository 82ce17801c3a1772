package dev.locustj.core.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpawnOrderTest {

    @Test
    void weightsInterleaveSmoothlyLikeLocust() { // DIST-20: A=1, B=2 -> B A B B A B
        SpawnOrder order = new SpawnOrder(List.of(new SpawnOrder.ClassSpec("B", 2, 0),
                new SpawnOrder.ClassSpec("A", 1, 0)));
        assertThat(order.first(6)).containsExactly("B", "A", "B", "B", "A", "B");
    }

    @Test
    void fixedCountUsersComeFirstThenWeighted() { // RUN-16, LF-25
        SpawnOrder order = new SpawnOrder(List.of(new SpawnOrder.ClassSpec("Admin", 1, 2),
                new SpawnOrder.ClassSpec("Web", 3, 0), new SpawnOrder.ClassSpec("Api", 1, 0)));
        List<String> first = order.first(10);
        assertThat(first.subList(0, 2)).containsExactly("Admin", "Admin");
        assertThat(first.subList(2, 10)).containsOnly("Web", "Api");
        assertThat(order.counts(10)).isEqualTo(Map.of("Admin", 2, "Api", 2, "Web", 6));
    }

    @Test
    void everyPrefixStaysCloseToTheWeights() {
        SpawnOrder order = new SpawnOrder(List.of(new SpawnOrder.ClassSpec("A", 1, 0),
                new SpawnOrder.ClassSpec("B", 3, 0), new SpawnOrder.ClassSpec("C", 6, 0)));
        for (int n = 1; n <= 200; n++) {
            Map<String, Integer> c = order.counts(n);
            assertThat(Math.abs(c.get("A") - n * 0.1)).isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(c.get("B") - n * 0.3)).isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(c.get("C") - n * 0.6)).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void fewerUsersThanFixedCountsSpawnsOnlyFixedOnes() {
        SpawnOrder order = new SpawnOrder(List.of(new SpawnOrder.ClassSpec("A", 1, 3),
                new SpawnOrder.ClassSpec("B", 1, 3)));
        assertThat(order.first(4)).containsExactly("A", "B", "A", "B");
        assertThat(order.canSpawnBeyondFixed()).isFalse();
        assertThat(order.first(10)).hasSize(6);
    }
}
