package dev.locustj.web.internal;

import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.internal.output.StatsCsv;

/**
 * The CSV downloads (WEB-06/08/09, OUT-24): the same text as the {@code --csv} files (OUT-20/22/23), from the core's
 * formatter, for the cached snapshot.
 */
public final class CsvExport {

    private CsvExport() {
    }

    /** The {@code _stats.csv} text. */
    public static String requests(StatsSnapshot s) {
        return StatsCsv.requests(s);
    }

    /** The {@code _failures.csv} text (newest columns, with first and last seen). */
    public static String failures(StatsSnapshot s) {
        return StatsCsv.failures(s);
    }

    /** The {@code _exceptions.csv} text. */
    public static String exceptions(StatsSnapshot s) {
        return StatsCsv.exceptions(s);
    }
}
