package dev.locustj.cli.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher in-process, for everything that ends before a run starts. */
class LauncherTest {

    @TempDir
    Path dir;

    private InProcessLauncher locust;

    @BeforeEach
    void userCode() throws IOException {
        locust = new InProcessLauncher(dir);
    }

    private int run(String... args) {
        return locust.run(Map.of(), args);
    }

    private String out() {
        return locust.out();
    }

    private String err() {
        return locust.err();
    }

    @Test
    void pluginsInTheUserCodeRegisterListenersBeforeTheRun() throws IOException { // EV-10, LF-80
        Files.writeString(dir.resolve("WithPlugin.java"), """
                import dev.locustj.core.*;
                public class WithPlugin {
                    public static class Quick extends User {
                        @Task public void t() {
                            environment().events().request().fire(RequestEvent.success("custom", "/p", 1, 1));
                        }
                        @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                    }
                    public static class SetsExitCode extends LocustPlugin {
                        @Override public void init(Environment env) {
                            env.events().testStart().add(e -> System.setProperty("plugin.test_start", "yes"));
                            env.events().quitting().add(e -> e.environment().processExitCode(42));
                        }
                    }
                }
                """);
        assertThat(run("-f", "WithPlugin.java", "--skip-log-setup", "--headless", "-u", "1", "-t", "1",
                "--only-summary")).isEqualTo(42);
        assertThat(System.getProperty("plugin.test_start")).isEqualTo("yes");
    }

    @Test
    void listPrintsTheUserClasses() {
        assertThat(run("-f", "tests.jar", "--list", "--skip-log-setup")).isZero();
        assertThat(out()).isEqualTo("Available Users:\n    GoodUser\n    MixedUser\n".replace("\n",
                System.lineSeparator()));
    }

    @Test
    void showTaskRatioUsesWeightsAndLocustsLayout() {
        assertThat(run("-f", "tests.jar", "--show-task-ratio", "--skip-log-setup")).isZero();
        String o = out();
        assertThat(o).contains(" Task ratio per User class", " Total task ratio");
        assertThat(o).contains(" 75.0       MixedUser");
        assertThat(o).contains("   75.0       ok");
        assertThat(o).contains("   25.0       fail");
        assertThat(o).contains(" 25.0       GoodUser");
        assertThat(o).contains("   18.8       fail"); // total: 0.75 * 0.25
    }

    @Test
    void showTaskRatioJsonHonoursTags() {
        assertThat(run("-f", "tests.jar", "--show-task-ratio-json", "-E", "failing", "--skip-log-setup",
                "MixedUser")).isZero();
        assertThat(out()).contains("\"per_class\": {").contains("\"ok\": {").doesNotContain("\"fail\"")
                .contains("\"ratio\": 1.0");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: locust [options] [UserClass ...]", "--spawn-rate", "--exit-code-on-error");
        locust.clearOutput();
        assertThat(run("-V")).isZero();
        assertThat(out()).startsWith("locust ").contains(" from ").contains("(Java ");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("-f", "tests.jar", "--userz", "3")).isEqualTo(2);
        assertThat(err()).isEqualTo("locust: error: unrecognized arguments: --userz. Did you mean '--users'?"
                + System.lineSeparator());
        locust.clearOutput();
        // the code may declare options (EV-11): without a locustfile, that is the error (exit 1), as in Locust
        assertThat(run("--userz", "3")).isEqualTo(1);
        assertThat(err()).startsWith("Could not find 'locustfile'").hasLineCount(1);
    }

    @Test
    void configurationErrorsExitWith1AndOneLine() throws IOException {
        assertThat(run("-f", "nope.jar", "--skip-log-setup")).isEqualTo(1);
        assertThat(err()).startsWith("Could not find 'nope.jar'").hasLineCount(1);
        locust.clearOutput();
        assertThat(run("-f", "tests.jar", "--skip-log-setup", "--headless", "Nope")).isEqualTo(1);
        assertThat(err()).contains("Unknown User(s): Nope (available: GoodUser, MixedUser)").hasLineCount(1);
        locust.clearOutput();
        Files.writeString(dir.resolve("NoTasks.java"), "public class NoTasks extends dev.locustj.core.User {}");
        assertThat(run("-f", "NoTasks.java", "--skip-log-setup", "--headless")).isEqualTo(1);
        assertThat(err()).contains("NoTasks").hasLineCount(1);
        locust.clearOutput();
        List<Path> src = TestCode.write(dir.resolve("src2"),
                Map.of("x/Plain.java", "package x; public class Plain {}"));
        TestCode.compile(src, dir.resolve("plain"), "");
        assertThat(run("-f", "plain", "--skip-log-setup", "--headless")).isEqualTo(1);
        assertThat(err()).startsWith("No User class found!").hasLineCount(1);
    }

    @Test
    void classesThatCannotRunAreOneLineAndExitCodeOne() throws IOException {
        Files.writeString(dir.resolve("Zero.java"), """
                @dev.locustj.core.Weight(0)
                public class Zero extends dev.locustj.core.User {
                    @dev.locustj.core.Task public void t() { }
                }
                """);
        assertThat(run("-f", "Zero.java", "--skip-log-setup", "--headless", "-t", "5")).isEqualTo(1);
        assertThat(err()).isEqualTo("no users with weight > 0" + System.lineSeparator());
    }

    @Test
    void logfileGetsLocustsLogFormat() throws IOException {
        String logfile = dir.resolve("locust.log").toString();
        assertThat(run("-f", "tests.jar", "--list", "--logfile", logfile, "-L", "DEBUG")).isZero();
        String log = Files.readString(dir.resolve("locust.log"));
        assertThat(log).containsPattern(
                "^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\] [^/]+/INFO/locust.main: Starting Locust ");
    }

    @Test
    void masterWithWorkerIsMinusOne() {
        assertThat(run("--master", "--worker")).isEqualTo(-1);
        assertThat(err()).contains("cannot be combined with --worker");
    }
}
