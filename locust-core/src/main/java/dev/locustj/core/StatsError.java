package dev.locustj.core;

/**
 * One distinct failure: (method, name, error text) and how often it occurred (OUT-22).
 *
 * @param method      the request type
 * @param name        the stats name
 * @param error       the error text
 * @param occurrences how many times
 * @param firstSeen   first occurrence, seconds since the epoch
 * @param lastSeen    last occurrence, seconds since the epoch
 */
public record StatsError(String method, String name, String error, long occurrences, double firstSeen,
                         double lastSeen) {
}
