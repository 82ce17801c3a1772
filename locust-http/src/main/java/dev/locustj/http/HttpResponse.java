package dev.locustj.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.locustj.core.LocustException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The response to one request. Connection failures are responses too: status 0 and {@link #error()} set.
 *
 * <p>With {@link HttpRequest#catchResponse()} it is also Locust's response context manager (LF-63): the request is
 * reported exactly once, when {@link #close()} is called, as {@link #success()} or {@link #failure(String)} decided,
 * or else by its status. Without it, the request is already reported and {@code close()} does nothing.
 *
 * <pre>{@code
 * try (var r = client().get("/cart", opt -> opt.catchResponse())) {
 *     if (!r.text().contains("ok")) r.failure("no ok"); else r.success();
 * }
 * }</pre>
 *
 * <p>As in Locust, when an exception leaves the block and nothing was marked: a {@link ResponseError} (e.g.
 * {@link CatchResponseError}) thrown there is reported as the failure and then, as Locust swallows it, ends the task
 * without being counted again in the exceptions table ({@link dev.locustj.core.AlreadyReported}); any other
 * exception (a {@code RescheduleTask}, a bug) leaves the request unreported and propagates as usual. Java's {@code close()} is not told about the exception, so this is found
 * from the caller's bytecode (javac's try-with-resources shape); with other compilers, or to be explicit, call
 * {@link #discard()} before throwing.
 */
public interface HttpResponse extends AutoCloseable {

    /** The status code; 0 when no response was received. */
    int statusCode();

    /** The reason phrase ("OK", "Not Found"); empty when no response was received. */
    String reason();

    /** Whether the status is below 400 and there is no error (Python's {@code response.ok}). */
    boolean ok();

    /** The body decoded with the charset of {@code Content-Type} (UTF-8 when none); empty when streamed. */
    String text();

    /** The (decompressed) body; empty when streamed or when no response was received. */
    byte[] bytes();

    /** The body parsed as JSON; a {@link LocustException} when it is not JSON. */
    JsonNode json();

    /** The body bound to {@code type} by Jackson; a {@link LocustException} when it does not fit. */
    <T> T json(Class<T> type);

    /** The first value of a header, by case-insensitive name. */
    Optional<String> header(String name);

    /** All headers, by case-insensitive name. */
    Map<String, List<String>> headers();

    /** The time from the start of the request (including redirects) to the last byte of the response. */
    Duration elapsed();

    /** The URL of the final response (after redirects). */
    String url();

    /** The method of the request. */
    String method();

    /** The stats name the request is reported under. */
    String name();

    /** The failure of the request: a connection error, a timeout; empty when a response was received. */
    Optional<LocustException> error();

    /**
     * Throws the connection error, or an {@link HTTPError} when the status is 400 or more; else returns this.
     *
     * @throws LocustException the failure
     */
    HttpResponse raiseForStatus();

    /** Marks a caught response as successful, whatever its status. Only with {@link HttpRequest#catchResponse()}. */
    void success();

    /** Marks a caught response as failed with this message (wrapped in a {@link CatchResponseError}). */
    void failure(String message);

    /** Marks a caught response as failed with this exception. */
    void failure(Throwable exception);

    /** Reports nothing for a caught response: it is left out of the stats. */
    void discard();

    /** Reports a caught response (once); does nothing otherwise. */
    @Override
    void close();
}
