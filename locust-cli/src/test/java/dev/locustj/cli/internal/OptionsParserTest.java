package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsParserTest {

    @TempDir
    Path cwd;
    @TempDir
    Path home;

    private LocustOptions parse(Map<String, String> env, String... args) {
        return new OptionsParser(env, cwd, Optional.of(home)).parse(args).options();
    }

    private LocustOptions parse(String... args) {
        return parse(Map.of(), args);
    }

    @Test
    void defaultsAreLocusts() {
        LocustOptions o = parse();
        assertThat(o.locustfile()).isEqualTo("locustfile");
        assertThat(o.host()).isEmpty();
        assertThat(o.users()).isEmpty();
        assertThat(o.usersOrDefault()).isEqualTo(1);
        assertThat(o.spawnRateOrDefault()).isEqualTo(1.0);
        assertThat(o.runTime()).isEmpty();
        assertThat(o.webHost()).isEmpty();
        assertThat(o.webPort()).isEqualTo(8089);
        assertThat(o.headless()).isFalse();
        assertThat(o.autoquit()).isEqualTo(-1);
        assertThat(o.masterBindHost()).isEqualTo("*");
        assertThat(o.masterBindPort()).isEqualTo(5557);
        assertThat(o.masterHost()).isEqualTo("127.0.0.1");
        assertThat(o.masterPort()).isEqualTo(5557);
        assertThat(o.expectWorkers()).isEqualTo(1);
        assertThat(o.loglevel()).isEqualTo("INFO");
        assertThat(o.exitCodeOnError()).isEqualTo(1);
        assertThat(o.stopTimeout()).isEqualTo(Duration.ZERO);
        assertThat(o.iterations()).isZero();
        assertThat(o.tags()).isEmpty();
        assertThat(o.userClasses()).isEmpty();
        assertThat(o.raw()).containsEntry("web-port", "8089").containsEntry("headless", "false");
    }

    @Test
    void shortAndLongNames() {
        LocustOptions o = parse("-f", "a.jar,b.java", "-H", "http://127.0.0.1:1", "-u", "50", "-r", "2.5",
                "-t", "1h30m", "-P", "9000", "-T", "a", "b", "-E", "c", "-L", "debug", "-s", "30s", "-i", "7",
                "--headless", "--csv", "out/x", "--csv-full-history", "--exit-code-on-error", "4", "UserA", "UserB");
        assertThat(o.locustfile()).isEqualTo("a.jar,b.java");
        assertThat(o.host()).contains("http://127.0.0.1:1");
        assertThat(o.users()).hasValue(50);
        assertThat(o.spawnRate()).hasValue(2.5);
        assertThat(o.runTime()).contains(Duration.ofMinutes(90));
        assertThat(o.webPort()).isEqualTo(9000);
        // nargs=*: -T takes the words up to the next option; picocli leaves trailing words to the user classes
        assertThat(o.tags()).containsExactly("a", "b");
        assertThat(o.excludeTags()).containsExactly("c");
        assertThat(o.userClasses()).containsExactly("UserA", "UserB");
        assertThat(o.loglevel()).isEqualTo("DEBUG");
        assertThat(o.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.iterations()).isEqualTo(7);
        assertThat(o.headless()).isTrue();
        assertThat(o.csvPrefix()).contains("out/x");
        assertThat(o.csvFullHistory()).isTrue();
        assertThat(o.exitCodeOnError()).isEqualTo(4);
        assertThat(o.raw()).containsEntry("users", "50").containsEntry("csv", "out/x").containsEntry("tags", "a,b");
    }


    @Test
    void aRunTimeOfZeroMeansNoLimitAsInLocust() { // Locust tests the parsed seconds for truth: 0 is "no limit"
        assertThat(parse("-t", "0").runTime()).isEmpty();
        assertThat(parse("-t", "0s").runTime()).isEmpty();
        assertThat(parse("-t", "0h0m0s").runTime()).isEmpty();
        assertThat(parse(Map.of("LOCUST_RUN_TIME", "0")).runTime()).isEmpty();
        assertThat(parse("-t", "1").runTime()).contains(Duration.ofSeconds(1));
    }
    @Test
    void positionalUserClassesAndTheirEnvironmentVariable() {
        assertThat(parse("--headless", "UserA", "UserB").userClasses()).containsExactly("UserA", "UserB");
        assertThat(parse(Map.of("LOCUST_USER_CLASSES", "X Y")).userClasses()).containsExactly("X", "Y");
        assertThat(parse(Map.of("LOCUST_USER_CLASSES", "X Y"), "Z").userClasses()).containsExactly("Z");
    }

    @Test
    void commaSeparatedTagsWorkToo() {
        assertThat(parse("--tags", "a,b").tags()).containsExactly("a", "b");
    }

    @Test
    void precedenceIsCliThenEnvThenConfigThenLocalThenHome() throws IOException {
        Files.writeString(home.resolve(".locust.conf"), "users = 1\nspawn-rate = 1\nhost = http://home\n"
                + "run-time = 1s\nloglevel = ERROR\n");
        Files.writeString(cwd.resolve("locust.conf"), "users = 2\nspawn-rate = 2\nhost = http://local\n"
                + "run-time = 2s\n");
        Files.writeString(cwd.resolve("extra.conf"), "users = 3\nspawn-rate = 3\nhost = http://extra\n");
        Map<String, String> env = Map.of("LOCUST_USERS", "4", "LOCUST_SPAWN_RATE", "4");

        LocustOptions o = parse(env, "--config", "extra.conf", "-u", "5");
        assertThat(o.users()).hasValue(5);                        // command line
        assertThat(o.spawnRate()).hasValue(4.0);                  // environment
        assertThat(o.host()).contains("http://extra");            // --config
        assertThat(o.runTime()).contains(Duration.ofSeconds(2));  // ./locust.conf
        assertThat(o.loglevel()).isEqualTo("ERROR");              // ~/.locust.conf
        assertThat(o.webPort()).isEqualTo(8089);                  // default
    }

    @Test
    void flagsAndListsFromEnvironmentAndFiles() throws IOException {
        Files.writeString(cwd.resolve("locust.conf"), "headless = yes\nreset-stats = 1\ntags = [x, y]\n"
                + "only-summary = no\n");
        LocustOptions o = parse(Map.of("LOCUST_PRINT_STATS", "true", "LOCUST_EXCLUDE_TAGS", "p q"));
        assertThat(o.headless()).isTrue();
        assertThat(o.resetStats()).isTrue();
        assertThat(o.onlySummary()).isFalse();
        assertThat(o.printStats()).isTrue();
        assertThat(o.tags()).containsExactly("x", "y");
        assertThat(o.excludeTags()).containsExactly("p", "q");
    }

    @Test
    void headfulUndoesHeadlessFromAConfigFile() throws IOException {
        Files.writeString(cwd.resolve("locust.conf"), "headless = true\n");
        assertThat(parse().headless()).isTrue();
        assertThat(parse("--headful").headless()).isFalse();
        assertThat(parse("--headful").raw()).containsEntry("headless", "false");
    }

    @Test
    void unknownOptionSuggestsTheClosest() {
        assertThatThrownBy(() -> parse("--userz", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unrecognized arguments: --userz. Did you mean '--users'?");
    }

    @Test
    void unknownConfigKeySuggestsTheClosest() throws IOException {
        Files.writeString(cwd.resolve("locust.conf"), "# x\nspawn_rate = 3\n");
        assertThatThrownBy(this::parse)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option 'spawn_rate' in config file")
                .hasMessageContaining("locust.conf:2")
                .hasMessageContaining("did you mean 'spawn-rate'?");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> parse("-u", "ten")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'ten' is not an int");
        assertThatThrownBy(() -> parse("-u", "-1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--users");
        assertThatThrownBy(() -> parse("-r", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> parse("-t", "soon")).isInstanceOf(UsageException.class)
                .hasMessageContaining("-t/--run-time").hasMessageContaining("Valid formats");
        assertThatThrownBy(() -> parse("-s", "1x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--stop-timeout");
        assertThatThrownBy(() -> parse("-L", "loud")).isInstanceOf(UsageException.class)
                .hasMessageContaining("invalid choice: 'loud'");
        assertThatThrownBy(() -> parse("--csv-full-history")).isInstanceOf(UsageException.class)
                .hasMessage("'--csv-full-history' requires '--csv'.");
        assertThatThrownBy(() -> parse("--expect-workers", "0")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("-P", "70000")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("-u")).isInstanceOf(UsageException.class);
    }

    @Test
    void badEnvironmentValuesNameTheirSource() {
        assertThatThrownBy(() -> parse(Map.of("LOCUST_USERS", "many")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("environment variable LOCUST_USERS");
        assertThatThrownBy(() -> parse(Map.of("LOCUST_HEADLESS", "maybe")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("LOCUST_HEADLESS");
    }

    @Test
    void missingConfigFileIsAnError() {
        assertThatThrownBy(() -> parse("--config", "nope.conf")).isInstanceOf(UsageException.class)
                .hasMessageContaining("nope.conf");
    }

    @Test
    void removedOptionsExplainThemselves() {
        assertThatThrownBy(() -> parse("--hatch-rate", "3")).hasMessageContaining("--spawn-rate");
        assertThatThrownBy(() -> parse("--slave")).hasMessageContaining("--worker");
        assertThatThrownBy(() -> parse("--expect-slaves")).hasMessageContaining("--expect-workers");
        assertThatThrownBy(() -> parse("--legacy-ui")).hasMessageContaining("no longer supported");
    }

    @Test
    void webAuthIsKeptForTheWebUi() { // CLI-18, 2.12.1 behaviour (issue 5)
        assertThat(parse("--web-auth", "admin:secret").raw()).containsEntry("web-auth", "admin:secret");
    }

    @Test
    void runModeConflictsUseLocustsExitCodes() {
        assertThatThrownBy(() -> parse("--master", "--worker")).isInstanceOfSatisfying(ExitException.class,
                e -> assertThat(e.exitCode()).isEqualTo(-1));
        assertThatThrownBy(() -> parse("--autoquit", "5")).isInstanceOfSatisfying(ExitException.class,
                e -> assertThat(e.exitCode()).isEqualTo(1));
        assertThatThrownBy(() -> parse("--master", "--processes", "2")).isInstanceOfSatisfying(
                ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(1));
        assertThatThrownBy(() -> parse("--web-base-path", "locust")).isInstanceOfSatisfying(
                ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void laterOptionsWinLikeArgparse() {
        assertThat(parse("-u", "1", "-u", "2").users()).hasValue(2);
    }

    @Test
    void checkFailRatioTurnsOffExitCodeOnError() {
        LocustOptions o = parse("--check-fail-ratio", "0.1");
        assertThat(o.checkFailRatio()).hasValue(0.1);
        assertThat(o.exitCodeOnError()).isZero();
    }

    @Test
    void distributedAndWebOptionsAreParsedForLaterModules() {
        LocustOptions o = parse("--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", "6000",
                "--expect-workers", "3", "--expect-workers-max-wait", "10", "--enable-rebalancing",
                "--web-host", "127.0.0.1", "--web-base-path", "/locust", "--class-picker", "--autostart",
                "--autoquit", "5", "--web-login", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--html", "r.html");
        assertThat(o.master()).isTrue();
        assertThat(o.masterBindHost()).isEqualTo("127.0.0.1");
        assertThat(o.masterBindPort()).isEqualTo(6000);
        assertThat(o.expectWorkers()).isEqualTo(3);
        assertThat(o.expectWorkersMaxWait()).isEqualTo(10);
        assertThat(o.enableRebalancing()).isTrue();
        assertThat(o.webHost()).isEqualTo("127.0.0.1");
        assertThat(o.webBasePath()).isEqualTo("/locust");
        assertThat(o.classPicker()).isTrue();
        assertThat(o.autostart()).isTrue();
        assertThat(o.autoquit()).isEqualTo(5);
        assertThat(o.webLogin()).isTrue();
        assertThat(o.tlsCert()).contains("c.pem");
        assertThat(o.html()).contains("r.html");
        assertThat(o.distributed()).isTrue();
        LocustOptions w = parse("--worker", "--master-host", "127.0.0.2", "--master-port", "6001", "--processes",
                "-1");
        assertThat(w.worker()).isTrue();
        assertThat(w.masterHost()).isEqualTo("127.0.0.2");
        assertThat(w.masterPort()).isEqualTo(6001);
        assertThat(w.processes()).hasValue(-1);
    }

    @Test
    void htmlFileNameExpandsUsersRateAndRunTime() {
        assertThat(parse("--headless", "-u", "100", "-r", "10", "-t", "50", "--html", "r_{u}_{r}_{t}.html")
                .htmlFile()).contains("r_100_10_50.html");
        assertThat(parse("--headless", "--html", "r_{u}_{r}_{t}.html").htmlFile()).contains("r_1_1_{t}.html");
        assertThat(parse("--html", "r_{u}.html").htmlFile()).contains("r_{u}.html");
        assertThat(parse().htmlFile()).isEmpty();
    }

    @Test
    void helpAndVersionAreRequests() {
        OptionsParser p = new OptionsParser(Map.of(), cwd, Optional.empty());
        assertThat(p.parse("--help").helpRequested()).isTrue();
        assertThat(p.parse("-V").versionRequested()).isTrue();
    }
}
