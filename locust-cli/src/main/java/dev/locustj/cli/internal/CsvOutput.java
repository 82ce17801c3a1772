package dev.locustj.cli.internal;

import dev.locustj.cli.LocustOptions;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.core.internal.output.CsvStatsWriter;

/** The {@code --csv} writer (CLI-38/39, OUT-20..23) around the stats module's writer; a no-op without --csv. */
interface CsvOutput {

    /** Starts writing (every second). */
    void start();

    /** Writes the last rows and closes the files. */
    void close();

    /** The writer for these options; an unwritable prefix is a configuration error (exit 1). */
    static CsvOutput create(LocustOptions options, Environment env) {
        if (options.csvPrefix().isEmpty()) {
            return new CsvOutput() {
                @Override public void start() { }
                @Override public void close() { }
            };
        }
        CsvStatsWriter w;
        try {
            w = new CsvStatsWriter(options.csvPrefix().get(), options.csvFullHistory(), env.stats());
        } catch (LocustException e) {
            throw new ExitException(1, e.getMessage());
        }
        return new CsvOutput() {
            @Override public void start() { w.start(); }
            @Override public void close() { w.close(); }
        };
    }
}
