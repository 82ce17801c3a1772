package dev.locustj.core.internal.output;

import dev.locustj.core.internal.stats.RequestStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonStatsTest {

    private static String golden() throws IOException {
        try (InputStream in = JsonStatsTest.class.getResourceAsStream("json-golden.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    private static RequestStats statsWithTwoRequests() {
        long[] now = {1_700_000_000_000_000L};
        RequestStats stats = new RequestStats("local", () -> now[0]);
        stats.logRequest("GET", "/x", 12, 10); // the entry starts with its first request
        now[0] += 1_500_000;
        stats.logRequest("GET", "/x", 150.5, 10);
        return stats;
    }

    @Test
    void serializeStatsPrintsLikePythonJsonDumpsIndent4() throws IOException {
        RequestStats stats = statsWithTwoRequests();
        // python3 json.dumps(serialize_stats(), indent=4) of the same entry
        assertThat(JsonStats.serialize(stats)).isEqualTo(golden());
        // taking it keeps the entries: the final CSV files and HTML report are written after it
        assertThat(stats.snapshot().entries().get(0).numRequests()).isEqualTo(2);
        assertThat(JsonStats.serialize(stats)).isEqualTo(golden());
        assertThat(JsonStats.toJson(List.of())).isEqualTo("[]");
    }

    @Test
    void jsonFileGetsTheSuffix(@TempDir Path dir) throws IOException {
        Path file = JsonStats.writeFile(statsWithTwoRequests(), dir.resolve("out/stats").toString());
        assertThat(file.getFileName().toString()).isEqualTo("stats.json");
        assertThat(Files.readString(file)).isEqualTo(golden());
    }
}
