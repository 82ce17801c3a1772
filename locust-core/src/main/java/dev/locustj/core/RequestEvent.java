package dev.locustj.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request, as reported to {@link Events#request()} (Locust's request event, EV-01 / LF-68).
 *
 * @param requestType    the method or kind of request ("GET", "grpc", ...)
 * @param name           the stats name (the path, or a name given for grouping)
 * @param responseTime   the response time in milliseconds
 * @param responseLength the response size in bytes
 * @param exception      the failure, empty when the request succeeded
 * @param context        per-request context (the user's {@link User#context()} merged with the request's own)
 * @param startTime      the start time in seconds since the epoch
 * @param url            the full URL, when there is one
 * @param response       the client's response object, when there is one
 */
public record RequestEvent(String requestType, String name, double responseTime, long responseLength,
                           Optional<Throwable> exception, Map<String, Object> context, double startTime,
                           Optional<String> url, Optional<Object> response) {

    /** Checks that nothing is null. */
    public RequestEvent {
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(response, "response");
    }

    /** A successful request that started {@code responseTime} ms ago. */
    public static RequestEvent success(String requestType, String name, double responseTime, long responseLength) {
        return new RequestEvent(requestType, name, responseTime, responseLength, Optional.empty(), Map.of(),
                startedAgo(responseTime), Optional.empty(), Optional.empty());
    }

    /** A failed request that started {@code responseTime} ms ago. */
    public static RequestEvent failure(String requestType, String name, double responseTime, long responseLength,
                                       Throwable exception) {
        return new RequestEvent(requestType, name, responseTime, responseLength, Optional.of(exception), Map.of(),
                startedAgo(responseTime), Optional.empty(), Optional.empty());
    }

    /** Whether the request failed. */
    public boolean failed() {
        return exception.isPresent();
    }

    private static double startedAgo(double responseTimeMs) {
        return System.currentTimeMillis() / 1000.0 - responseTimeMs / 1000.0;
    }
}
