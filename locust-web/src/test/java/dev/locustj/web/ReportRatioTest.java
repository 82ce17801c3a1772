package dev.locustj.web;

import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The final ratio (OUT-46) of {@code /stats/report} and of {@link HtmlReport} is the users running when the test
 * began to stop, also after the runner quit; a real local runner and the web UI on loopback.
 */
@Timeout(30)
class ReportRatioTest {

    @Test
    void bothReportsUseTheUsersRunningWhenTheTestStopped() throws Exception {
        Environment env = Environment.builder()
                .userClasses(List.<Class<? extends User>>of(IdleUser.class, OtherUser.class))
                .options(Map.of("locustfile", "ratio.jar")).build();
        Runner runner = env.createLocalRunner();
        WebUi ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).build());
        try {
            TestSupport.Http http = new TestSupport.Http(ui.url());
            // the weights are 1:1; the run has one OtherUser and no IdleUser
            runner.start(1, 100, List.of(OtherUser.class));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runner.userCount() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runner.userCount()).isEqualTo(1);
            assertThat(http.get("/stop").statusCode()).isEqualTo(200);

            assertThat(perClass(http.get("/stats/report").body())).contains("100.0%</span> OtherUser")
                    .contains("0.0%</span> IdleUser");
            assertThat(perClass(HtmlReport.render(env))).contains("100.0%</span> OtherUser")
                    .contains("0.0%</span> IdleUser");
            runner.quit(); // --html is written after the quit
            assertThat(perClass(HtmlReport.render(env))).contains("100.0%</span> OtherUser")
                    .contains("0.0%</span> IdleUser");
        } finally {
            runner.quit();
            ui.stop();
        }
    }

    private static String perClass(String html) {
        return html.substring(html.indexOf("<h3>Ratio per User class</h3>"), html.indexOf("<h3>Total ratio"));
    }
}
