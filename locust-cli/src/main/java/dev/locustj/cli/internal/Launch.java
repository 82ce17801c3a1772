package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;

import java.io.PrintStream;

/**
 * Everything a {@link RunMode} gets: the options, the loaded user code and the environment (built, no runner yet).
 *
 * @param options the merged options
 * @param code    the user code from {@code -f}
 * @param env     the environment with the selected user classes
 * @param out     stdout (JSON, listings)
 * @param err     stderr (one-line errors)
 */
public record Launch(LocustOptions options, UserCode code, Environment env, PrintStream out, PrintStream err) {
}
