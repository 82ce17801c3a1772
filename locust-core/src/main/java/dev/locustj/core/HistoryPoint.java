package dev.locustj.core;

import java.util.Map;

/**
 * One sample of the run's history, for charts and the HTML report (OUT-45/47).
 *
 * @param timestamp                 seconds since the epoch
 * @param userCount                 running users
 * @param currentRps                current requests/s
 * @param currentFailPerSec         current failures/s
 * @param currentPercentiles        current response time percentiles in ms, keyed by percentile (0.5, 0.95)
 * @param totalAvgResponseTime      average response time of the whole run, ms
 */
public record HistoryPoint(double timestamp, int userCount, double currentRps, double currentFailPerSec,
                           Map<Double, Long> currentPercentiles, double totalAvgResponseTime) {
}
