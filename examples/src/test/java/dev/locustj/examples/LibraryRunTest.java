package dev.locustj.examples;

import dev.locustj.core.StatsSnapshot;
import dev.locustj.examples.custom.KeyValueUser;
import dev.locustj.examples.library.LibraryRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the library-use example for real: users run, requests are counted, failures are recorded. */
class LibraryRunTest {

    @Test
    void libraryRunProducesStats() throws Exception {
        KeyValueUser.resetStore(); // other tests in this JVM may have filled it
        StatsSnapshot stats = LibraryRun.run(10, 50, Duration.ofSeconds(2));
        assertThat(stats.total().numRequests()).isGreaterThan(100);
        assertThat(stats.entries()).extracting(e -> e.method() + " " + e.name())
                .contains("kv get", "kv put");
        // reads of keys not written yet fail at the start
        assertThat(stats.total().numFailures()).isGreaterThan(0);
        assertThat(stats.errors()).anySatisfy(e -> assertThat(e.error()).contains("no such key"));
    }
}
