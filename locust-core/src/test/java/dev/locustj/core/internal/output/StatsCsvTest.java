package dev.locustj.core.internal.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares with files written by Python's csv module from the same numbers (csv-golden.py). */
class StatsCsvTest {

    private static JsonNode golden() throws IOException {
        try (InputStream in = StatsCsvTest.class.getResourceAsStream("csv-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void headersAreByteExact() {
        assertThat(StatsCsv.line(StatsCsv.REQUESTS_HEADER)).isEqualTo("Type,Name,Request Count,Failure Count,"
                + "Median Response Time,Average Response Time,Min Response Time,Max Response Time,"
                + "Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\r\n");
        assertThat(StatsCsv.historyHeader()).isEqualTo("Timestamp,User Count,Type,Name,Requests/s,Failures/s,"
                + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,"
                + "Total Median Response Time,Total Average Response Time,Total Min Response Time,"
                + "Total Max Response Time,Total Average Content Size\r\n");
        assertThat(StatsCsv.line(StatsCsv.FAILURES_HEADER))
                .isEqualTo("Method,Name,Error,Occurrences,First Seen,Last Seen\r\n");
        assertThat(StatsCsv.line(StatsCsv.EXCEPTIONS_HEADER)).isEqualTo("Count,Message,Traceback,Nodes\r\n");
    }

    @Test
    void filesMatchPythonsCsvModule() throws IOException {
        JsonNode g = golden();
        var s = Snapshots.known();
        assertThat(StatsCsv.requests(s)).isEqualTo(g.get("stats").asText());
        assertThat(StatsCsv.historyHeader() + StatsCsv.historyRows(s, false, 1_700_000_010L))
                .isEqualTo(g.get("history").asText());
        assertThat(StatsCsv.historyHeader() + StatsCsv.historyRows(s, true, 1_700_000_010L))
                .isEqualTo(g.get("history_full").asText());
        assertThat(StatsCsv.failures(s)).isEqualTo(g.get("failures").asText());
        assertThat(StatsCsv.exceptions(s)).isEqualTo(g.get("exceptions").asText());
    }

    @Test
    void quotingIsMinimal() {
        assertThat(StatsCsv.line(List.of("a", "b,c", "d\"e", "f\ng", 1, 2.5))).isEqualTo(
                "a,\"b,c\",\"d\"\"e\",\"f\ng\",1,2.5\r\n");
        assertThat(StatsCsv.line(List.of(""))).isEqualTo("\"\"\r\n");
    }
}
