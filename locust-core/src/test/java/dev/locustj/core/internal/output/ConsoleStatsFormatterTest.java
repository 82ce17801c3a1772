package dev.locustj.core.internal.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares with lines printed by Python's own %-formatting with the OUT-03/04/06/07 templates
 * (console-golden.py, same numbers as {@link Snapshots#known()}).
 */
class ConsoleStatsFormatterTest {

    private static JsonNode golden(int w) throws IOException {
        try (InputStream in = ConsoleStatsFormatterTest.class.getResourceAsStream("console-golden.json")) {
            return new ObjectMapper().readTree(in).get(Integer.toString(w));
        }
    }

    private static List<String> lines(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 20, 0})
    void tablesMatchPythonFormattingByteForByte(int w) throws IOException {
        JsonNode g = golden(w);
        ConsoleStatsFormatter f = new ConsoleStatsFormatter(w);
        var s = Snapshots.known();
        assertThat(f.statsTable(s, true)).containsExactlyElementsOf(lines(g.get("current")));
        assertThat(f.statsTable(s, false)).containsExactlyElementsOf(lines(g.get("total")));
        assertThat(f.percentileTable(s)).containsExactlyElementsOf(lines(g.get("pct")));
        assertThat(f.errorReport(s)).containsExactlyElementsOf(lines(g.get("err")));
    }

    @Test
    void sampleLinesOfTheFeatureDocument() {
        // OUT-08 header with W = 80
        String header = new ConsoleStatsFormatter(80).statsTable(Snapshots.known(), true).get(0);
        assertThat(header).startsWith("Type     Name ").endsWith(
                "# reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s");
        assertThat(new ConsoleStatsFormatter(80).statsTable(Snapshots.known(), true).get(3)).isEqualTo(
                "GET      /fast" + " ".repeat(71 + 1 + 5) + "29     0(0.00%) |   2524       3   15678    150 |    2.50"
                        + "        0.00");
    }

    @Test
    void narrowTerminalStillPadsShortNamesAsPythonDoes() {
        var e = Snapshots.entry("GET", "/a", 1, 0, 5, 5, 5, java.util.Map.of(5L, 1L), 0, 0, 0, 0);
        var s = new dev.locustj.core.StatsSnapshot(0, List.of(e), e, List.of(), List.of(), 0);
        // python3: ("%-8s %--4s %7d ...") % ("GET ", "/a", ...)
        assertThat(new ConsoleStatsFormatter(0).statsTable(s, true).get(2)).isEqualTo(
                "GET      /a         1     0(0.00%) |      5       5       5      5 |    0.00        0.00");
    }

    @Test
    void finalSummaryChainsTheTablesAndNoErrorReportWithoutErrors() {
        var s = Snapshots.known();
        ConsoleStatsFormatter f = new ConsoleStatsFormatter(80);
        List<String> all = f.finalSummary(s);
        assertThat(all).contains("Response time percentiles (approximated)", "Error report");
        var noErrors = new dev.locustj.core.StatsSnapshot(s.timestamp(), s.entries(), s.total(), List.of(),
                List.of(), 0);
        assertThat(f.errorReport(noErrors)).isEmpty();
        assertThat(f.periodic(s)).last().isEqualTo("");
        assertThat(ConsoleStatsFormatter.nameWidthForColumns(200)).isEqualTo(80);
        assertThat(ConsoleStatsFormatter.nameWidthForColumns(120)).isEqualTo(40);
        assertThat(ConsoleStatsFormatter.nameWidthForColumns(60)).isZero();
    }
}
