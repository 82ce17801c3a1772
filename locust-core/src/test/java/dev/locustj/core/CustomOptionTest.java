package dev.locustj.core;

import dev.locustj.core.internal.DefaultEnvironment;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EV-11: declared options, their types, and their values in the environment. */
class CustomOptionTest {

    public static class Noop extends User {
        @Task public void t() {
        }
    }

    @Test
    void namesFollowLocustsConventions() {
        CustomOption o = CustomOption.string("--my-arg", "x").help("h");
        assertThat(o.name()).isEqualTo("my-arg");
        assertThat(o.dest()).isEqualTo("my_arg");
        assertThat(o.envVar()).isEqualTo("LOCUST_MY_ARG");
        assertThat(o.helpText()).isEqualTo("h");
        assertThat(o.includeInWebUi()).isTrue();
        assertThat(o.hiddenInWebUi().includeInWebUi()).isFalse();
        assertThat(o.secret().required().isSecret()).isTrue();
        assertThatThrownBy(() -> CustomOption.flag("bad name")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void valuesAreCheckedAndNormalizedByType() {
        assertThat(CustomOption.integer("n", 1).parse(" 42 ")).isEqualTo("42");
        assertThat(CustomOption.integer("n", 1).typedValue("42")).isEqualTo(42L);
        assertThat(CustomOption.decimal("d", 1).parse("2")).isEqualTo("2.0");
        assertThat(CustomOption.decimal("d", 1).typedValue("0.25")).isEqualTo(0.25);
        assertThat(CustomOption.flag("f").parse("yes")).isEqualTo("true");
        assertThat(CustomOption.flag("f").typedValue("0")).isEqualTo(false);
        assertThat(CustomOption.flag("f").defaultValue()).hasValue("false");
        assertThat(CustomOption.string("s").defaultValue()).isEmpty();
        assertThatThrownBy(() -> CustomOption.integer("n", 1).parse("1.5"))
                .hasMessage("argument --n: invalid int value: '1.5'");
        assertThatThrownBy(() -> CustomOption.decimal("d", 1).parse("1d"))
                .hasMessage("argument --d: invalid float value: '1d'");
        assertThatThrownBy(() -> CustomOption.choice("c", "a", "a", "b").parse("z"))
                .hasMessage("argument --c: invalid choice: 'z' (choose from 'a', 'b')");
        assertThatThrownBy(() -> CustomOption.choice("c", "z", "a", "b")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aMultipleChoiceIsACommaList() {
        CustomOption m = CustomOption.multipleChoice("features", List.of("a"), "a", "b", "c");
        assertThat(m.isMultiple()).isTrue();
        assertThat(m.defaultValue()).hasValue("a");
        assertThat(m.parse("[c, a]")).isEqualTo("c,a");
        assertThat(m.parse(" ")).isEmpty();
        assertThat(m.values("b,c")).containsExactly("b", "c");
        assertThat(m.typedValue("")).isEqualTo(List.of());
        assertThatThrownBy(() -> m.parse("a,z")).hasMessage("argument --features: invalid choice: 'z' (choose from "
                + "'a', 'b', 'c')");
    }

    @Test
    void theEnvironmentFillsDefaultsAndTakesUpdates() {
        Environment env = Environment.builder().userClasses(Noop.class).options(Map.of("my-int", "7"))
                .customOptions(List.of(CustomOption.integer("my-int", 3), CustomOption.string("my-arg", "x"),
                        CustomOption.string("unset")))
                .build();
        assertThat(env.option("my-int")).hasValue("7");
        assertThat(env.option("my-arg")).hasValue("x");
        assertThat(env.option("unset")).isEmpty();
        assertThat(env.customOptions()).extracting(CustomOption::name).containsExactly("my-int", "my-arg", "unset");

        DefaultEnvironment d = (DefaultEnvironment) env;
        Map<String, Object> fromMaster = new HashMap<>();
        fromMaster.put("my_int", 9L);
        fromMaster.put("my_arg", null);
        fromMaster.put("users", 100L); // not a custom option: ignored
        assertThat(d.updateCustomOptions(fromMaster)).containsExactlyInAnyOrder("my-int", "my-arg");
        assertThat(env.option("my-int")).hasValue("9");
        assertThat(env.option("my-arg")).isEmpty();
        assertThat(env.options()).doesNotContainKey("users");
        assertThatThrownBy(() -> d.updateCustomOptions(Map.of("my-int", "x", "unset", "y")))
                .isInstanceOf(ConfigurationException.class);
        assertThat(env.option("unset")).isEmpty(); // a bad value changes nothing
    }

    @Test
    void declaringTwiceIsAnError() {
        assertThatThrownBy(() -> Environment.builder().userClasses(Noop.class)
                .customOptions(List.of(CustomOption.flag("a"), CustomOption.flag("a"))))
                .isInstanceOf(ConfigurationException.class);
    }
}
