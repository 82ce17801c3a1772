package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;

/**
 * The {@code --csv} writer (OUT-20..23). INTEGRATION POINT: backed by the stats module's CSV writer in
 * {@code dev.locustj.core.internal.output}; a no-op without {@code --csv}.
 */
interface CsvOutput {

    /** Starts writing (every second). */
    void start();

    /** Writes the last rows and closes the files. */
    void close();

    /** The writer for these options. */
    static CsvOutput create(LocustOptions options, Environment env) {
        if (options.csvPrefix().isEmpty()) {
            return new CsvOutput() {
                @Override public void start() { }
                @Override public void close() { }
            };
        }
        return new CsvFiles(options.csvPrefix().get(), options.csvFullHistory(), env);
    }
}
