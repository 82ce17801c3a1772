package dev.locustj.core;

/**
 * Code that runs once per process before the test: register event listeners, custom messages, web routes, set the
 * exit code... The Java form of a locustfile's module-level {@code @events.init.add_listener} and friends.
 * The launcher finds every concrete subclass in the {@code -f} code (like user classes), creates it through its
 * no-argument constructor and calls {@link #init(Environment)} right after the environment is built, before the
 * runner and the web UI start; the {@code init} event fires later, with the runner in place.
 *
 * <pre>{@code
 * public class Checks extends LocustPlugin {
 *     @Override public void init(Environment env) {
 *         env.events().testStart().add(e -> System.out.println("test starting"));
 *         env.events().quitting().add(e -> {
 *             if (e.environment().stats().snapshot().total().failRatio() > 0.01) {
 *                 e.environment().processExitCode(1);
 *             }
 *         });
 *     }
 * }
 * }</pre>
 *
 * <p>A plugin can also declare command-line options (EV-11, CFG-04) with {@link #customOptions()}: the launcher
 * asks for them after loading the {@code -f} code and before parsing the options, so they work on the command line,
 * in {@code LOCUST_*} environment variables, in config files, in the web UI and on workers. The same plugin instance
 * is used for {@code customOptions()} and {@code init}.
 *
 * <p>Library use needs no plugin: register listeners on the environment you build.
 */
public abstract class LocustPlugin {

    /** For subclasses. */
    protected LocustPlugin() {
    }

    /**
     * The command-line options this plugin adds (Locust's {@code init_command_line_parser} listener); none by
     * default. Called once, before the options are parsed; read the values in {@link #init(Environment)} or in the
     * users with {@link Environment#option(String)}.
     */
    public java.util.List<CustomOption> customOptions() {
        return java.util.List.of();
    }

    /** Called once with the environment, before the runner and the web UI start. */
    public abstract void init(Environment environment);
}
