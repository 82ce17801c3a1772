package dev.locustj.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files a headless run leaves behind agree with each other (OUT-20, OUT-30/31, OUT-40, OUT-46): real
 * in-process runs of the launcher on the users of {@link TestCode#CUSTOM_USERS}, bounded by {@code -t}.
 */
class FinalResultsTest {

    @TempDir
    Path dir;

    private InProcessLauncher locust;

    @BeforeEach
    void userCode() throws IOException {
        locust = new InProcessLauncher(dir);
    }

    @Test
    void jsonAndJsonFileLeaveTheFinalCsvAndHtmlRowsIntact() throws IOException { // OUT-30/31 with OUT-20, OUT-40
        assertThat(locust.run(java.util.Map.of(), "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "1",
                "-r", "10", "-t", "1", "--only-summary", "--json", "--json-file", file("out"), "--csv", file("out"),
                "--html", file("out.html"), "GoodUser")).isZero();

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertThat(json).hasSize(1);
        long requests = json.get(0).get("num_requests").asLong();
        assertThat(json.get(0).get("name").asText()).isEqualTo("/good");
        assertThat(requests).isPositive();
        assertThat(locust.out()).contains("\"num_requests\": " + requests + ",");

        List<String> csv = Files.readAllLines(dir.resolve("out_stats.csv"));
        assertThat(csv.get(1)).startsWith("custom,/good," + requests + ",0,");
        assertThat(csv.get(2)).startsWith(",Aggregated," + requests + ",0,");

        String html = Files.readString(dir.resolve("out.html"));
        assertThat(requestsCell(html, "<td>custom</td><td>/good</td>")).isEqualTo(requests);
        assertThat(requestsCell(html, "<tr class=\"total\"><td></td><td>Aggregated</td>")).isEqualTo(requests);
    }

    @Test
    void htmlReportRatioIsTheUsersRunningAtStop() throws IOException { // OUT-46
        // one user of two classes: the weights (MixedUser 3, GoodUser 1) say 75 % / 25 %, the run had MixedUser only
        assertThat(locust.run(java.util.Map.of(), "-f", "tests.jar", "--skip-log-setup", "--headless", "-u", "1",
                "-r", "10", "-t", "1", "--only-summary", "--exit-code-on-error", "0", "--html", file("ratio.html")))
                .isZero();
        String html = Files.readString(dir.resolve("ratio.html"));
        String perClass = html.substring(html.indexOf("<h3>Ratio per User class</h3>"),
                html.indexOf("<h3>Total ratio"));
        assertThat(perClass).contains("<span class=\"ratio\">100.0%</span> MixedUser")
                .contains("<span class=\"ratio\">0.0%</span> GoodUser")
                .doesNotContain("75.0%</span> MixedUser").doesNotContain("25.0%</span> GoodUser");
    }

    /** An output file in the test's directory (the launcher writes outputs relative to the process). */
    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** The "# Requests" cell of the report row that starts with {@code rowStart}. */
    private static long requestsCell(String html, String rowStart) {
        Matcher m = Pattern.compile(Pattern.quote(rowStart) + "<td class=\"num\">(\\d+)</td>").matcher(html);
        assertThat(m.find()).as("row %s in the report", rowStart).isTrue();
        return Long.parseLong(m.group(1));
    }
}
