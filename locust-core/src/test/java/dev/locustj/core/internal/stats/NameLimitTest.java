package dev.locustj.core.internal.stats;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-name memory and the distinct-name guard (warning past --max-names, folding past 10 times it). */
class NameLimitTest {

    private static final double T0 = 1_795_371_960.0;
    /** Python Locust 2.12.1's RequestStats in the same scenario (locust-benchmarks/name_memory.py), bytes per name. */
    private static final long LOCUST_BYTES_PER_NAME = 1680;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RequestStats.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aNameCostsNoMoreThanInPythonLocust() {
        int names = 40_000;
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        stats.maxNames(names + 1);
        stats.logRequest("GET", "/warm-up", 1, 100);
        stats.tick();
        Random rnd = new Random(42);
        long before = usedAfterGc();
        for (int i = 0; i < names; i++) {
            if (i % 4000 == 0) { // 10 ticks, as 10,000 new names a second would
                clock.set(T0 + 1 + i / 4000);
                stats.tick();
            }
            for (int r = 0; r < 3; r++) {
                stats.logRequest("GET", "/item/" + i, 1 + rnd.nextDouble() * 299, 100);
            }
        }
        stats.tick();
        long perName = (usedAfterGc() - before) / names;
        assertThat(stats.snapshot().entries()).hasSize(names + 1);
        assertThat(perName).as("heap bytes per name").isLessThanOrEqualTo(LOCUST_BYTES_PER_NAME);
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void pastMaxNamesOneWarningNamesTheGrowingPatternAndPastTenTimesNewNamesFoldIntoOther() {
        RequestStats stats = new RequestStats("local", new ManualClock(T0));
        stats.maxNames(4);
        stats.logRequest("GET", "/home", 5, 10);
        for (int i = 0; i < 100; i++) {
            stats.logRequest("GET", "/item/" + i, 5, 10);
            stats.logRequest("POST", "/item/" + i, 5, 10);
            stats.record(RequestEvent.failure("GET", "/item/" + i, 5, 0, new IllegalStateException("boom")));
        }
        stats.logRequest("GET", "/home", 5, 10);
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).isEqualTo("More than 4 distinct request names (--max-names): 5 so far, most new "
                + "ones like '/item/[id]'. Give such requests one name with name(...), e.g. "
                + "opt -> opt.name(\"/item/[id]\"). Past 40 names, new names are counted under '(other)'.");
        assertThat(warnings.get(1)).isEqualTo("40 distinct request names reached (10 x --max-names): requests to "
                + "further new names are counted under the name '(other)' of their method");
        StatsSnapshot s = stats.snapshot();
        assertThat(stats.nameCount()).isEqualTo(41); // 40 names and (other)
        StatsEntrySnapshot otherGet = s.entry("GET", RequestStats.OTHER).orElseThrow();
        StatsEntrySnapshot otherPost = s.entry("POST", RequestStats.OTHER).orElseThrow();
        assertThat(otherGet.numRequests()).isEqualTo(61 * 2); // /item/39 .. /item/99, a success and a failure each
        assertThat(otherGet.numFailures()).isEqualTo(61);
        assertThat(otherPost.numRequests()).isEqualTo(61);
        assertThat(s.entry("GET", "/home").orElseThrow().numRequests()).isEqualTo(2);
        assertThat(s.entries().stream().mapToLong(StatsEntrySnapshot::numRequests).sum())
                .isEqualTo(s.total().numRequests()).isEqualTo(2 + 300);
        assertThat(s.errors()).hasSize(40); // 39 names and (other)
        assertThat(s.errors().stream().filter(e -> e.name().equals(RequestStats.OTHER)).findFirst().orElseThrow()
                .occurrences()).isEqualTo(61);
    }

    @Test
    void aMasterFoldsTheNamesOfWorkerReportsToo() {
        ManualClock clock = new ManualClock(T0);
        RequestStats worker = new RequestStats("worker", clock);
        worker.maxNames(1000);
        for (int i = 0; i < 30; i++) {
            worker.logFailure("GET", "/user/" + i + "/cart", 5, 10, "Err()");
        }
        RequestStats master = new RequestStats("master", clock);
        master.maxNames(2);
        assertThat(master.mergeWorkerReport(worker.workerReport()).rejected()).isZero();
        StatsSnapshot s = master.snapshot();
        assertThat(master.nameCount()).isEqualTo(21);
        assertThat(s.entry("GET", RequestStats.OTHER).orElseThrow().numRequests()).isEqualTo(10);
        assertThat(s.total().numRequests()).isEqualTo(30);
        assertThat(s.errors().stream().mapToLong(e -> e.occurrences()).sum()).isEqualTo(30);
        assertThat(s.errors()).hasSize(21);
        assertThat(warnings()).first().asString().contains("most new ones like '/user/[id]/cart'");
    }

    @Test
    void namesWithoutASharedShapeGetTheirCommonPrefix() {
        RequestStats stats = new RequestStats("local", new ManualClock(T0));
        stats.maxNames(2);
        for (String n : List.of("search?q=pear", "search?q=plum", "search?q=peach")) {
            stats.logRequest("GET", n, 1, 1);
        }
        assertThat(warnings()).singleElement().asString().contains("most new ones like 'search?q=p*'");
    }

    @Test
    void maxNamesBelowOneIsRefused() {
        RequestStats stats = new RequestStats("local");
        assertThatThrownBy(() -> stats.maxNames(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
