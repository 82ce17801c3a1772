package dev.locustj.core.internal.output;

import dev.locustj.core.internal.stats.RequestStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvStatsWriterTest {

    @Test
    void createsDirectoriesRewritesStatsAndAppendsHistory(@TempDir Path dir) throws IOException {
        long[] now = {1_700_000_000_000_000L};
        RequestStats stats = new RequestStats("local", () -> now[0]);
        String prefix = dir.resolve("a/b/run").toString();
        CsvStatsWriter w = new CsvStatsWriter(prefix, false, stats, () -> now[0]);
        Path statsFile = dir.resolve("a/b/run_stats.csv");
        Path history = dir.resolve("a/b/run_stats_history.csv");
        assertThat(Files.readString(statsFile)).isEqualTo(StatsCsv.line(StatsCsv.REQUESTS_HEADER));
        assertThat(Files.readString(dir.resolve("a/b/run_failures.csv"))).startsWith("Method,Name,Error");
        assertThat(Files.readString(dir.resolve("a/b/run_exceptions.csv"))).startsWith("Count,Message");
        assertThat(Files.readString(history)).isEqualTo(StatsCsv.historyHeader());

        w.writeOnce(); // before any request: N/A percentiles
        stats.logRequest("GET", "/x", 12, 3);
        stats.logFailure("GET", "/x", 20, 3, "ValueError('bad')");
        now[0] += 1_000_000;
        w.writeOnce();
        assertThat(Files.readAllLines(statsFile)).hasSize(3).element(1).asString().startsWith("GET,/x,2,1,");
        assertThat(Files.readString(dir.resolve("a/b/run_failures.csv"))).contains("GET,/x,ValueError('bad'),1,");
        w.close();
        w.close();
        String h = Files.readString(history);
        assertThat(h.split("\r\n")).hasSize(4); // header, 2 rounds, the final write
        assertThat(h.split("\r\n")[1]).startsWith("1700000000,0,,Aggregated,0.000000,0.000000,N/A,");
        assertThat(h.split("\r\n")[2]).startsWith("1700000001,0,,Aggregated,");
        assertThat(h).doesNotContain("\n\n");
    }

    @Test
    void backgroundWriterRunsUntilClosed(@TempDir Path dir) throws Exception {
        RequestStats stats = new RequestStats("local");
        stats.logRequest("GET", "/x", 12, 3);
        CsvStatsWriter w = CsvStatsWriter.start(dir.resolve("bg").toString(), true, stats);
        Path statsFile = dir.resolve("bg_stats.csv");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (Files.readAllLines(statsFile).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        w.close();
        assertThat(Files.readAllLines(statsFile)).hasSize(3);
        assertThat(Files.readString(dir.resolve("bg_stats_history.csv"))).contains("GET,/x,");
    }

    @Test
    void unwritablePrefixIsOneClearError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new CsvStatsWriter(file.resolve("sub/run").toString(), false,
                new RequestStats("local")))
                .isInstanceOf(CsvStatsWriter.CsvException.class)
                .hasMessageStartingWith("Cannot write the CSV files ");
    }
}
