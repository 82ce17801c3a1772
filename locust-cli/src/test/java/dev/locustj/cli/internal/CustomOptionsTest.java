package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.CustomOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EV-11, CFG-04: options declared by user code, parsed like built-in ones, and the launcher's two passes. */
class CustomOptionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static final List<CustomOption> OPTIONS = List.of(
            CustomOption.string("my-arg", "x").help("my help text"),
            CustomOption.integer("my-int", 3),
            CustomOption.decimal("my-ratio", 0.5),
            CustomOption.flag("my-flag"),
            CustomOption.choice("region", "eu", "eu", "us"),
            CustomOption.string("api-key").secret().hiddenInWebUi(),
            CustomOption.multipleChoice("features", List.of(), "a", "b", "c"));

    /** A locustfile whose plugin declares options and whose user reads one into a system property. */
    static final String LOCUSTFILE = """
            import dev.locustj.core.*;
            import java.util.List;
            public class WithOptions {
                public static class Reader extends User {
                    @Task public void t() {
                        System.setProperty("customopts.user", environment().option("my-arg").orElse("none"));
                        environment().events().request().fire(RequestEvent.success("custom", "/p", 1, 1));
                    }
                    @Override public WaitTime waitTime() { return WaitTime.constant(0.05); }
                }
                public static class Options extends LocustPlugin {
                    @Override public List<CustomOption> customOptions() {
                        return List.of(CustomOption.string("my-arg", "x").help("my help text"),
                                CustomOption.integer("my-int", 3).hiddenInWebUi());
                    }
                    @Override public void init(Environment env) {
                        System.setProperty("customopts.init", env.option("my-arg").orElse("none") + "/"
                                + env.option("my-int").orElse("none"));
                    }
                }
            }
            """;

    private OptionsParser parser(Map<String, String> env) {
        return new OptionsParser(env, dir, Optional.empty());
    }

    private Map<String, String> raw(Map<String, String> env, String... args) {
        LocustOptions o = parser(env).parse(OPTIONS, args).options();
        return o.raw();
    }

    @Test
    void defaultsWhenNotGiven() {
        Map<String, String> raw = raw(Map.of());
        assertThat(raw).containsEntry("my-arg", "x").containsEntry("my-int", "3").containsEntry("my-ratio", "0.5")
                .containsEntry("my-flag", "false").containsEntry("region", "eu").doesNotContainKey("api-key");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFile() throws IOException {
        Files.writeString(dir.resolve("locust.conf"), "my-arg = from-conf\nmy-int = 7\nmy-flag = yes\n"
                + "features = [a, b]\n");
        assertThat(raw(Map.of())).containsEntry("my-arg", "from-conf").containsEntry("my-int", "7")
                .containsEntry("my-flag", "true").containsEntry("features", "a,b");
        assertThat(raw(Map.of(), "--features", "c,a")).containsEntry("features", "c,a");
        assertThat(raw(Map.of("LOCUST_MY_ARG", "from-env", "LOCUST_MY_RATIO", "2")))
                .containsEntry("my-arg", "from-env").containsEntry("my-ratio", "2.0").containsEntry("my-int", "7");
        assertThat(raw(Map.of("LOCUST_MY_ARG", "from-env"), "--my-arg", "from-cli", "--my-int=9", "--region", "us",
                "--api-key", "s3cret"))
                .containsEntry("my-arg", "from-cli").containsEntry("my-int", "9").containsEntry("region", "us")
                .containsEntry("api-key", "s3cret");
    }

    @Test
    void theConfigOptionFileToo() throws IOException {
        Files.writeString(dir.resolve("my.conf"), "[locust]\nmy-int = 11\n");
        assertThat(raw(Map.of(), "--config", "my.conf")).containsEntry("my-int", "11");
    }

    @Test
    void typeErrorsAreUsageErrorsNamingTheSource() {
        assertThatThrownBy(() -> raw(Map.of(), "--my-int", "abc")).isInstanceOf(UsageException.class)
                .hasMessage("argument --my-int: invalid int value: 'abc'");
        assertThatThrownBy(() -> raw(Map.of("LOCUST_MY_RATIO", "half")))
                .isInstanceOf(UsageException.class)
                .hasMessage("argument --my-ratio: invalid float value: 'half' (from environment variable "
                        + "LOCUST_MY_RATIO)");
        assertThatThrownBy(() -> raw(Map.of(), "--region", "mars")).isInstanceOf(UsageException.class)
                .hasMessage("argument --region: invalid choice: 'mars' (choose from 'eu', 'us')");
    }

    @Test
    void unknownOptionsAndConfigKeysStillFail() throws IOException {
        assertThatThrownBy(() -> raw(Map.of(), "--my-ag", "1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unrecognized arguments: --my-ag").hasMessageContaining("'--my-arg'");
        Files.writeString(dir.resolve("locust.conf"), "my-innt = 1\n");
        assertThatThrownBy(() -> raw(Map.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option 'my-innt'").hasMessageContaining("did you mean 'my-int'");
    }

    @Test
    void theLenientPassLetsThemThrough() throws IOException {
        Files.writeString(dir.resolve("locust.conf"), "my-int = 1\n");
        LocustOptions o = parser(Map.of()).parseLenient("-f", "x.java", "--my-arg", "v", "-u", "3").options();
        assertThat(o.locustfile()).isEqualTo("x.java");
        assertThat(o.users()).hasValue(3);
    }

    @Test
    void aNameOfABuiltInOptionIsRejected() {
        assertThatThrownBy(() -> parser(Map.of()).parse(List.of(CustomOption.string("host", "h"))))
                .isInstanceOf(ExitException.class).hasMessageContaining("conflicting option string: --host");
    }

    // ---- the launcher -------------------------------------------------------------------------------------------

    private int run(Map<String, String> env, String... args) throws IOException {
        Files.writeString(dir.resolve("WithOptions.java"), LOCUSTFILE);
        Launcher l = new Launcher(parser(env), dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return l.run(args);
    }

    @Test
    void theUserCodeDeclaresAndReadsItsOptions() throws IOException {
        System.clearProperty("customopts.user");
        assertThat(run(Map.of("LOCUST_MY_INT", "5"), "-f", "WithOptions.java", "--skip-log-setup", "--headless",
                "-u", "1", "-t", "1", "--only-summary", "--my-arg", "hello")).isZero();
        assertThat(System.getProperty("customopts.init")).isEqualTo("hello/5");
        assertThat(System.getProperty("customopts.user")).isEqualTo("hello");
    }

    @Test
    void badValuesAndUnknownOptionsEndWithOneLineAndExit2() throws IOException {
        assertThat(run(Map.of(), "-f", "WithOptions.java", "--skip-log-setup", "--headless", "--my-int", "x"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("locust: error: argument --my-int: invalid int value: 'x'");
        err.reset();
        assertThat(run(Map.of(), "-f", "WithOptions.java", "--skip-log-setup", "--headless", "--my-other", "x"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("locust: error: unrecognized arguments:")
                .doesNotContain("\n");
    }

    @Test
    void helpListsThemUnderCustomOptions() throws IOException {
        assertThat(run(Map.of(), "-f", "WithOptions.java", "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("Custom options:", "--my-arg=<string>", "my help text [env LOCUST_MY_ARG, default x]",
                "--my-int=<integer>");
        assertThat(help.indexOf("Custom options:")).isGreaterThan(help.indexOf("--spawn-rate"));
    }
}
