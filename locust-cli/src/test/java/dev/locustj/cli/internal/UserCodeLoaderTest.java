package dev.locustj.cli.internal;

import dev.locustj.core.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserCodeLoaderTest {

    @TempDir
    Path dir;

    private static final String SHAPE = """
            package demo;

            import dev.locustj.core.LoadTestShape;
            import java.util.Optional;

            public class Ramp extends LoadTestShape {
                static { if (true) throw new IllegalStateException("must not be initialised by the scan"); }
                @Override public Optional<Tick> tick() { return Optional.empty(); }
            }
            """;

    private Path classesDir() throws IOException {
        List<Path> src = TestCode.write(dir.resolve("src"), Map.of("demo/CustomUsers.java", TestCode.CUSTOM_USERS,
                "demo/Ramp.java", SHAPE));
        return TestCode.compile(src, dir.resolve("classes"), "");
    }

    private UserCode load(String spec) {
        return new UserCodeLoader(dir).load(spec);
    }

    @Test
    void loadsAJarWithoutInitialisingClasses() throws IOException {
        TestCode.jar(classesDir(), dir.resolve("tests.jar"));
        UserCode code = load("tests.jar");
        assertThat(code.userClasses()).containsOnlyKeys("MixedUser", "GoodUser");
        assertThat(code.shapeClasses()).containsOnlyKeys("Ramp");
        assertThat(code.shapeClass()).isPresent();
        assertThat(User.class.isAssignableFrom(code.userClasses().get("MixedUser"))).isTrue();
    }

    @Test
    void loadsAClassDirectory() throws IOException {
        classesDir();
        assertThat(load("classes").userClasses()).containsOnlyKeys("MixedUser", "GoodUser");
    }

    @Test
    void compilesASingleJavaFileInMemory() throws IOException {
        Files.writeString(dir.resolve("MyTest.java"), """
                import dev.locustj.core.*;
                public class MyTest extends User {
                    @Task public void t() { }
                }
                """);
        UserCode code = load("MyTest.java");
        assertThat(code.userClasses()).containsOnlyKeys("MyTest");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("MyTest.class");
    }

    @Test
    void javaFilesSeeTheJarsListedWithThem() throws IOException {
        TestCode.jar(classesDir(), dir.resolve("lib.jar"));
        Files.writeString(dir.resolve("More.java"), """
                public class More extends demo.CustomUsers.GoodUser { }
                """);
        UserCode code = load("lib.jar, More.java");
        assertThat(code.userClasses()).containsKeys("MixedUser", "GoodUser", "More");
        assertThat(code.paths()).containsExactly("lib.jar", "More.java");
    }

    @Test
    void defaultLocustfileFindsLocustfileJava() throws IOException {
        Files.writeString(dir.resolve("locustfile.java"), """
                public class locustfile extends dev.locustj.core.User {
                    @dev.locustj.core.Task public void t() { }
                }
                """);
        assertThat(load("locustfile").userClasses()).containsOnlyKeys("locustfile");
    }

    @Test
    void positionalNamesSelectClasses() throws IOException {
        TestCode.jar(classesDir(), dir.resolve("tests.jar"));
        UserCode code = load("tests.jar");
        assertThat(code.select(List.of("GoodUser"))).extracting(Class::getSimpleName).containsExactly("GoodUser");
        assertThat(code.select(List.of())).hasSize(2);
        assertThatThrownBy(() -> code.select(List.of("Nope", "GoodUser")))
                .isInstanceOf(ExitException.class)
                .hasMessage("Unknown User(s): Nope (available: GoodUser, MixedUser)");
    }

    @Test
    void missingLocustfileIsOneClearLine() {
        assertThatThrownBy(() -> load("missing.jar")).isInstanceOfSatisfying(ExitException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).startsWith("Could not find 'missing.jar'.").doesNotContain("\n");
        });
        assertThatThrownBy(() -> load("locustfile")).hasMessageStartingWith("Could not find 'locustfile'.");
    }

    @Test
    void unsupportedFileTypeIsAnError() throws IOException {
        Files.writeString(dir.resolve("locustfile.py"), "print(1)\n");
        assertThatThrownBy(() -> load("locustfile.py")).isInstanceOf(ExitException.class)
                .hasMessageContaining("Unsupported locustfile 'locustfile.py'");
    }

    @Test
    void compileErrorsAreTheMessage() throws IOException {
        Files.writeString(dir.resolve("Broken.java"), """
                public class Broken extends dev.locustj.core.User {
                    void t() { notThere(); }
                }
                """);
        assertThatThrownBy(() -> load("Broken.java")).isInstanceOfSatisfying(ExitException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("Could not compile").contains("Broken.java:2:")
                    .contains("cannot find symbol");
        });
    }

    @Test
    void duplicateSimpleNamesAreRejected() throws IOException {
        List<Path> src = TestCode.write(dir.resolve("src"), Map.of(
                "a/Same.java", "package a; public class Same extends dev.locustj.core.User {}",
                "b/Same.java", "package b; public class Same extends dev.locustj.core.User {}"));
        TestCode.compile(src, dir.resolve("dup"), "");
        assertThatThrownBy(() -> load("dup")).isInstanceOf(ExitException.class)
                .hasMessageContaining("Duplicate user class names: Same");
    }

    @Test
    void aJarWithoutUsersLoadsNothing() throws IOException {
        List<Path> src = TestCode.write(dir.resolve("src"), Map.of("x/Plain.java", "package x; public class Plain {}"));
        TestCode.jar(TestCode.compile(src, dir.resolve("plain"), ""), dir.resolve("plain.jar"));
        assertThat(load("plain.jar").userClasses()).isEmpty();
    }
}
