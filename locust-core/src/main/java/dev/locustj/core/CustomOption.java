package dev.locustj.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A command-line option declared by user code (EV-11, CFG-04): the Java form of a locustfile's
 * {@code @events.init_command_line_parser} listener calling {@code parser.add_argument("--my-arg", ...)}.
 * A {@link LocustPlugin} returns its options from {@link LocustPlugin#customOptions()}; the launcher then accepts
 * them like built-in options: on the command line ({@code --my-arg value}), from the environment variable
 * {@link #envVar()} ({@code LOCUST_MY_ARG}), from {@code locust.conf}/{@code --config} ({@code my-arg = value}),
 * lists them in {@code --help} under "Custom options", shows them in the web UI's start form (unless
 * {@link #hiddenInWebUi()}), accepts them in {@code POST /swarm} by {@link #dest()} name (WEB-02), and a master
 * sends them to its workers in the spawn message's {@code parsed_options} (DIST-02).
 *
 * <p>User code reads the value as text with {@code environment.option("my-arg")} (or
 * {@code environment.options().get("my-arg")}): integers in decimal ({@code "3"}), decimals as Java prints a
 * double ({@code "0.5"}), flags as {@code "true"}/{@code "false"}. An option without a default and not given has
 * no value at all.
 *
 * <pre>{@code
 * public class Options extends LocustPlugin {
 *     @Override public List<CustomOption> customOptions() {
 *         return List.of(
 *             CustomOption.string("my-arg", "x").help("what my-arg means"),
 *             CustomOption.integer("batch-size", 10).help("items per request"),
 *             CustomOption.flag("verbose-checks").hiddenInWebUi(),
 *             CustomOption.choice("region", "eu", "eu", "us"),
 *             CustomOption.multipleChoice("features", List.of("a"), "a", "b", "c"),
 *             CustomOption.string("api-key").secret());
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable: the modifiers return a changed copy.
 */
public final class CustomOption {

    /** The type of an option's value, like argparse's {@code type=str/int/float} and {@code store_true}. */
    public enum Type {
        /** Any text. */
        STRING,
        /** A whole number (a Java {@code long}; Python's {@code int}). */
        INTEGER,
        /** A decimal number (a Java {@code double}; Python's {@code float}). */
        DECIMAL,
        /** A flag without a value on the command line; {@code true}/{@code false} elsewhere. */
        FLAG
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final String name;
    private final Type type;
    private final Optional<String> defaultValue;
    private final List<String> choices;
    private final String help;
    private final boolean includeInWebUi;
    private final boolean secret;
    private final boolean required;
    private final boolean multiple;

    private CustomOption(String name, Type type, Optional<String> defaultValue, List<String> choices, String help,
                         boolean includeInWebUi, boolean secret, boolean required, boolean multiple) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.choices = choices;
        this.help = help;
        this.includeInWebUi = includeInWebUi;
        this.secret = secret;
        this.required = required;
        this.multiple = multiple;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.startsWith("--") ? name.substring(2) : name;
        if (!NAME.matcher(n).matches()) {
            throw new ConfigurationException("custom option name '" + name + "' must be letters, digits, '-' and '_' "
                    + "(like 'my-arg')");
        }
        return n;
    }

    private static CustomOption of(String name, Type type, Optional<String> defaultValue, List<String> choices,
                                   boolean multiple) {
        CustomOption o = new CustomOption(checkName(name), type, Optional.empty(), choices, "", true, false, false,
                multiple);
        return defaultValue.isEmpty() ? o
                : new CustomOption(o.name, type, Optional.of(o.parse(defaultValue.get())), choices, "", true, false,
                        false, multiple);
    }

    private static CustomOption of(String name, Type type, Optional<String> defaultValue, List<String> choices) {
        return of(name, type, defaultValue, choices, false);
    }

    /** A text option without a default: absent from the options unless given. {@code name} is "my-arg". */
    public static CustomOption string(String name) {
        return of(name, Type.STRING, Optional.empty(), List.of());
    }

    /** A text option with a default. */
    public static CustomOption string(String name, String defaultValue) {
        return of(name, Type.STRING, Optional.of(Objects.requireNonNull(defaultValue, "defaultValue")), List.of());
    }

    /** A whole-number option with a default. */
    public static CustomOption integer(String name, long defaultValue) {
        return of(name, Type.INTEGER, Optional.of(Long.toString(defaultValue)), List.of());
    }

    /** A decimal option with a default. */
    public static CustomOption decimal(String name, double defaultValue) {
        return of(name, Type.DECIMAL, Optional.of(Double.toString(defaultValue)), List.of());
    }

    /** A flag ({@code --name} sets it; {@code store_true}); false unless given. */
    public static CustomOption flag(String name) {
        return of(name, Type.FLAG, Optional.of("false"), List.of());
    }

    /** A text option that takes one of {@code choices} (argparse's {@code choices=}); the web UI shows a select. */
    public static CustomOption choice(String name, String defaultValue, String... choices) {
        List<String> c = List.of(choices);
        if (c.isEmpty()) {
            throw new ConfigurationException("custom option '" + name + "': choices must not be empty");
        }
        return of(name, Type.STRING, Optional.of(Objects.requireNonNull(defaultValue, "defaultValue")), c);
    }

    /**
     * An option that takes any number of {@code choices} ({@code is_multiple=True}; the web UI shows a multi-select).
     * Its value is the chosen values joined with commas ({@code "eu,us"}; {@code ""}: none); on the command line,
     * in variables and config files give them the same way ({@code --regions eu,us}).
     */
    public static CustomOption multipleChoice(String name, List<String> defaultValues, String... choices) {
        List<String> c = List.of(choices);
        if (c.isEmpty()) {
            throw new ConfigurationException("custom option '" + name + "': choices must not be empty");
        }
        return of(name, Type.STRING, Optional.of(String.join(",", defaultValues)), c, true);
    }

    /** This option with a help text ({@code --help} and the web form's tooltip). */
    public CustomOption help(String text) {
        return new CustomOption(name, type, defaultValue, choices, Objects.requireNonNull(text, "text"),
                includeInWebUi, secret, required, multiple);
    }

    /** This option, left out of the web UI's start form ({@code include_in_web_ui=False}). */
    public CustomOption hiddenInWebUi() {
        return new CustomOption(name, type, defaultValue, choices, help, false, secret, required, multiple);
    }

    /** This option, shown as a password field in the web UI ({@code is_secret=True}). */
    public CustomOption secret() {
        return new CustomOption(name, type, defaultValue, choices, help, includeInWebUi, true, required, multiple);
    }

    /** This option, a required field of the web UI's start form ({@code is_required=True}; the UI only). */
    public CustomOption required() {
        return new CustomOption(name, type, defaultValue, choices, help, includeInWebUi, secret, true, multiple);
    }

    /** The long name without dashes ("my-arg"): the key in {@link Environment#options()} and config files. */
    public String name() {
        return name;
    }

    /** The Python dest name ("my_arg"): the key in {@code parsed_options} and the {@code /swarm} form field. */
    public String dest() {
        return name.replace('-', '_');
    }

    /** The environment variable: {@code LOCUST_} and the upper-case dest name ({@code LOCUST_MY_ARG}). */
    public String envVar() {
        return "LOCUST_" + dest().toUpperCase(Locale.ROOT);
    }

    /** The value type. */
    public Type type() {
        return type;
    }

    /** The default, normalized as {@link #parse(String)} returns it; empty: no value unless given. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    /** The allowed values; empty: any. */
    public List<String> choices() {
        return choices;
    }

    /** The help text ("" when none). */
    public String helpText() {
        return help;
    }

    /** Whether the web UI's start form shows it. */
    public boolean includeInWebUi() {
        return includeInWebUi;
    }

    /** Whether the web UI masks it. */
    public boolean isSecret() {
        return secret;
    }

    /** Whether the web UI's start form requires it. */
    public boolean isRequired() {
        return required;
    }

    /** Whether it takes several of its choices ({@link #multipleChoice}). */
    public boolean isMultiple() {
        return multiple;
    }

    /** The values of a {@link #multipleChoice} option's value text ({@code "eu,us"}); one value otherwise. */
    public List<String> values(String value) {
        if (!multiple) {
            return List.of(parse(value));
        }
        String v = parse(value);
        return v.isEmpty() ? List.of() : List.of(v.split(","));
    }

    /**
     * Checks and normalizes a value given as text: integers and decimals parsed (surrounding blanks ignored), flags
     * from true/false/yes/no/1/0/on/off, choices checked.
     *
     * @throws ConfigurationException with argparse's wording ("invalid int value: 'abc'")
     */
    public String parse(String value) {
        String v = Objects.requireNonNull(value, "value").strip();
        if (multiple) { // "a,b", "[a, b]"
            List<String> parts = java.util.Arrays.stream(v.replaceAll("^\\[|]$", "").split(","))
                    .map(String::strip).filter(p -> !p.isEmpty()).toList();
            for (String p : parts) {
                if (!choices.contains(p)) {
                    throw invalid("invalid choice: '" + p + "' (choose from "
                            + String.join(", ", choices.stream().map(c -> "'" + c + "'").toList()) + ")");
                }
            }
            return String.join(",", parts);
        }
        String normalized = switch (type) {
            case STRING -> value;
            case INTEGER -> {
                try {
                    yield Long.toString(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw invalid("invalid int value: '" + value + "'");
                }
            }
            case DECIMAL -> {
                try {
                    double d = Double.parseDouble(v);
                    if (v.endsWith("d") || v.endsWith("D") || v.endsWith("f") || v.endsWith("F")) {
                        throw new NumberFormatException(v);
                    }
                    yield Double.toString(d);
                } catch (NumberFormatException e) {
                    throw invalid("invalid float value: '" + value + "'");
                }
            }
            case FLAG -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> "true";
                case "false", "no", "0", "off", "" -> "false";
                default -> throw invalid("expected true/false/yes/no/1/0, got '" + value + "'");
            };
        };
        if (!choices.isEmpty() && !choices.contains(normalized)) {
            throw invalid("invalid choice: '" + value + "' (choose from "
                    + String.join(", ", choices.stream().map(c -> "'" + c + "'").toList()) + ")");
        }
        return normalized;
    }

    /**
     * A normalized value as the typed value Python's argparse would hold ({@link String}, {@link Long},
     * {@link Double} or {@link Boolean}; a list of strings for {@link #multipleChoice}), for the
     * {@code parsed_options} a master sends to its workers.
     *
     * @throws ConfigurationException when {@code value} is not valid for this option
     */
    public Object typedValue(String value) {
        if (multiple) {
            return values(value);
        }
        String v = parse(value);
        return switch (type) {
            case STRING -> v;
            case INTEGER -> Long.parseLong(v);
            case DECIMAL -> Double.parseDouble(v);
            case FLAG -> Boolean.parseBoolean(v);
        };
    }

    private ConfigurationException invalid(String what) {
        return new ConfigurationException("argument --" + name + ": " + what);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomOption c && name.equals(c.name) && type == c.type
                && defaultValue.equals(c.defaultValue) && choices.equals(c.choices) && help.equals(c.help)
                && includeInWebUi == c.includeInWebUi && secret == c.secret && required == c.required
                && multiple == c.multiple;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue, choices, help, includeInWebUi, secret, required, multiple);
    }

    @Override
    public String toString() {
        return "CustomOption[--" + name + " " + type + defaultValue.map(d -> " default=" + d).orElse("") + "]";
    }
}
