package dev.locustj.cli.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaSourceCompilerTest {

    @TempDir
    Path dir;

    @Test
    void aJreWithoutCompilerGetsAClearMessage() throws IOException {
        Path src = Files.writeString(dir.resolve("T.java"), "class T {}");
        assertThatThrownBy(() -> JavaSourceCompiler.compile(null, List.of(src), List.of()))
                .isInstanceOfSatisfying(ExitException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("needs a JDK").contains("T.java").doesNotContain("\n");
                });
    }

    @Test
    void compilesNestedClassesInMemory() throws IOException {
        Path src = Files.writeString(dir.resolve("Outer.java"), "public class Outer { static class In {} }");
        Map<String, byte[]> classes = JavaSourceCompiler.compile(List.of(src), UserCodeLoader.launcherClassPath());
        assertThat(classes).containsOnlyKeys("Outer", "Outer$In");
        assertThat(dir.resolve("Outer.class")).doesNotExist();
    }

    @Test
    void everyErrorIsOneLineWithFileLineAndColumn() throws IOException {
        Path src = Files.writeString(dir.resolve("Bad.java"), "public class Bad {\n  int a = x;\n  Nope b;\n}\n");
        assertThatThrownBy(() -> JavaSourceCompiler.compile(List.of(src), List.of()))
                .isInstanceOf(ExitException.class)
                .hasMessageContaining("Bad.java:2:")
                .hasMessageContaining("Bad.java:3:")
                .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.contains("error:")).count())
                        .isEqualTo(2));
    }
}
