package dev.locustj.web;

import dev.locustj.core.Environment;
import dev.locustj.core.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The --html report (OUT-40..46) for a run without requests and for hand-built stats. */
class HtmlReportTest {

    @Test
    void aReportWithoutRequestsIsValidAndSelfContained(@TempDir Path dir) throws Exception {
        Environment env = Environment.builder()
                .userClasses(List.<Class<? extends User>>of(IdleUser.class, OtherUser.class))
                .host("http://127.0.0.1:9").options(Map.of("locustfile", "empty.jar")).build();
        Path file = dir.resolve("report.html");
        HtmlReport.write(env, file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Test Report for empty.jar</title>")
                .contains("Target Host").contains("http://127.0.0.1:9").contains("Script")
                .contains("Request Statistics").contains("Aggregated").doesNotContain("Failures Statistics")
                .doesNotContain("Exceptions Statistics").contains("\"history\":[]");
        // no user ever ran: the final ratio falls back to the class weights (1:1) and the task weights
        assertThat(html).contains("50.0%</span> IdleUser").contains("50.0%</span> OtherUser")
                .contains("37.5%</span> idle");
        // self-contained: nothing is loaded from anywhere
        Matcher external = Pattern.compile("<(script|link|img)[^>]+(src|href)=").matcher(html);
        assertThat(external.find()).as("external resource").isFalse();
    }

    @Test
    void theProfileIsShownWhenGiven() { // CLI-55 --profile
        Environment env = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                .options(Map.of("locustfile", "x.jar", "profile", "nightly <eu>")).build();
        assertThat(HtmlReport.render(env)).contains("<dt>Profile</dt><dd>nightly &lt;eu&gt;</dd>");
        Environment without = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class))
                .build();
        assertThat(HtmlReport.render(without)).doesNotContain("<dt>Profile</dt>");
    }

    @Test
    void percentileColumnsAndDurationText() {
        Environment real = Environment.builder().userClasses(List.<Class<? extends User>>of(IdleUser.class)).build();
        Environment env = new TestSupport.StatsEnv(real, new TestSupport.FixedStats(TestSupport.sampleSnapshot()));
        String html = HtmlReport.render(env);
        for (String p : List.of("50%ile", "60%ile", "70%ile", "80%ile", "90%ile", "95%ile", "99%ile", "100%ile")) {
            assertThat(html).contains(p);
        }
        assertThat(html).contains("2023-11-14 22:13:20 - 2023-11-14 22:14:20 (1 minute)")
                .contains("HTTPError(&#x27;500 Server Error&#x27;)").contains("boom &lt;x&gt;");
    }
}
