package dev.locustj.core;

/**
 * The statistics of one (method, name) entry, or of all requests ("Aggregated", method ""), at one moment.
 * Times are milliseconds, rates are per second.
 *
 * @param method               the request type, "" for the Aggregated row
 * @param name                 the stats name, "Aggregated" for the total
 * @param numRequests          requests, failed ones included
 * @param numFailures          failed requests
 * @param totalResponseTime    the sum of response times, ms
 * @param minResponseTime      the smallest response time, ms (0 when none)
 * @param maxResponseTime      the largest response time, ms (0 when none)
 * @param totalContentLength   the sum of response sizes, bytes
 * @param currentRps           requests/s over the last ~10 s, leaving out the last 2 s (OUT-12)
 * @param currentFailPerSec    failures/s over the same window
 * @param totalRps             requests over the whole run / its length (OUT-13)
 * @param totalFailPerSec      failures over the whole run / its length
 * @param responseTimes        all response times since start or reset
 * @param currentResponseTimes the response times of the last ~10 s (OUT-17)
 * @param startTime            the start of the entry, seconds since the epoch
 * @param lastRequestTimestamp the time of the last request, seconds since the epoch (0 when none)
 */
public record StatsEntrySnapshot(String method, String name, long numRequests, long numFailures,
                                 double totalResponseTime, double minResponseTime, double maxResponseTime,
                                 long totalContentLength, double currentRps, double currentFailPerSec,
                                 double totalRps, double totalFailPerSec, ResponseTimes responseTimes,
                                 ResponseTimes currentResponseTimes, double startTime, double lastRequestTimestamp) {

    /** The average response time in ms (OUT-11); 0 when there is no request. */
    public double avgResponseTime() {
        long timed = responseTimes.count();
        return timed == 0 ? 0 : totalResponseTime / timed;
    }

    /** The average response size in bytes (OUT-18). */
    public double avgContentLength() {
        return numRequests == 0 ? 0 : (double) totalContentLength / numRequests;
    }

    /** Locust's median response time (OUT-15). */
    public long medianResponseTime() {
        return responseTimes.median();
    }

    /** The response time at percentile {@code p} (0..1), whole run (OUT-16). */
    public long percentile(double p) {
        return responseTimes.percentile(p);
    }

    /** The response time at percentile {@code p} (0..1) over about the last 10 s (OUT-17); 0 without data. */
    public long currentPercentile(double p) {
        return currentResponseTimes.percentile(p);
    }

    /** Failures / requests (OUT-14). */
    public double failRatio() {
        if (numRequests == 0) {
            return numFailures > 0 ? 1.0 : 0.0;
        }
        return (double) numFailures / numRequests;
    }

    /** Whether this is the Aggregated row. */
    public boolean isTotal() {
        return method.isEmpty() && "Aggregated".equals(name);
    }
}
