package dev.locustj.core;

import java.util.Set;

/**
 * One distinct exception that escaped a task, keyed by its traceback (OUT-23).
 *
 * @param count     how many times
 * @param message   the exception's text
 * @param traceback the stack trace
 * @param nodes     the node ids it happened on ("local" for a standalone run)
 */
public record StatsExceptionEntry(long count, String message, String traceback, Set<String> nodes) {
}
