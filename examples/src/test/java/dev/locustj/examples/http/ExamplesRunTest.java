package dev.locustj.examples.http;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.examples.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The three examples under the local runner against the demo shop, as the README demo runs them. */
@Timeout(60)
class ExamplesRunTest {

    private static final String[] EXPECTED =
            {"POST /login", "GET /items", "GET /item/[id]", "POST /cart", "GET /cart", "GET /"};

    private static boolean allSeen(StatsSnapshot s) {
        List<String> seen = s.entries().stream().map(e -> e.method() + " " + e.name()).toList();
        return seen.containsAll(List.of(EXPECTED));
    }

    @Test
    void examplesRunUnderTheLocalRunnerWithoutFailures() throws Exception {
        try (DemoTarget target = DemoTarget.start(0)) {
            Environment env = Environment.builder()
                    .userClasses(List.of(ShopUser.class, BrowsingUser.class, ChecksUser.class))
                    .host(target.url()).build();
            Runner runner = env.createLocalRunner();
            runner.start(25, 50);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // run until enough requests AND every expected entry showed up (low-weight tasks are random picks)
            while ((env.stats().snapshot().total().numRequests() < 250 || !allSeen(env.stats().snapshot()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            runner.quit();
            assertThat(runner.await(Duration.ofSeconds(10))).isTrue();

            StatsSnapshot s = env.stats().snapshot();
            assertThat(s.total().numRequests()).isGreaterThanOrEqualTo(250);
            assertThat(s.errors()).isEmpty();
            assertThat(s.exceptions()).isEmpty();
            assertThat(s.total().numFailures()).isZero();
            assertThat(s.entries()).extracting(e -> e.method() + " " + e.name()).contains(EXPECTED);
            assertThat(s.entries()).extracting(StatsEntrySnapshot::name).noneMatch(n -> n.matches("/item/\\d+"));
            assertThat(target.requestCount()).isGreaterThanOrEqualTo(s.total().numRequests());
        }
    }

    @Test
    void theCatalogSizeOptionReachesTheShoppers() throws Exception { // EV-11, CFG-04: ShopOptions' --catalog-size
        try (DemoTarget target = DemoTarget.start(0)) {
            Environment env = Environment.builder().userClasses(List.of(ShopUser.class)).host(target.url())
                    .customOptions(new ShopOptions().customOptions())
                    .options(Map.of("catalog-size", "1000")).build(); // the shop has 100 items: most ids are 404
            Runner runner = env.createLocalRunner();
            runner.start(10, 50);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (failures(env, "/item/[id]") < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            runner.quit();
            assertThat(runner.await(Duration.ofSeconds(10))).isTrue();
            assertThat(env.option("catalog-size")).contains("1000");
            assertThat(failures(env, "/item/[id]")).isGreaterThanOrEqualTo(5);
        }
    }

    private static long failures(Environment env, String name) {
        return env.stats().snapshot().entries().stream().filter(e -> e.name().equals(name))
                .mapToLong(StatsEntrySnapshot::numFailures).sum();
    }
}
