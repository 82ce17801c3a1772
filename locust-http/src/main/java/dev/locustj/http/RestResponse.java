package dev.locustj.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The response of {@link HttpSession#rest(String, String)}, Locust's {@code FastHttpUser.rest} (LF-37): a caught
 * response (see {@link HttpResponse}) whose body is parsed as JSON up front.
 *
 * <pre>{@code
 * try (RestResponse r = client().rest("POST", "/orders", Map.of("item", 42))) {
 *     if (r.js().path("id").isMissingNode()) throw new AssertionError("no id in the order");
 *     orderId = r.js().path("id").asText();
 * }
 * }</pre>
 *
 * <p>Like Locust's: a non-empty body that is not JSON marks the request failed ({@code "Could not parse response as
 * JSON. <body>, response code <status>, error <parser message>"}); an {@link AssertionError} leaving the block marks
 * it failed with the assertion's message (one line; a message ending with a comma gets {@code " response was
 * <body>"} appended), any other exception with {@code "<Type>: <message> at <frame>. Response was <body>"}, and in
 * both cases the exception then ends the task quietly instead of being counted again as a task error: the request
 * is reported when the exception reaches the user loop, which sees it is
 * {@link dev.locustj.core.AlreadyReported} (the response's {@code close()} adds a marker to it as a suppressed
 * exception). Code of your own that catches such an exception inside a task reports the request by calling
 * {@code AlreadyReported.isReported(e)}. Control-flow exceptions ({@code RescheduleTask}, {@code StopUser}, ...)
 * leave the request unreported, as in a catch-response block; {@link #success()}, {@link #failure(String)} and
 * {@link #discard()} work as there.
 */
public interface RestResponse extends HttpResponse {

    /**
     * The body parsed as JSON (Locust's {@code response.js}); a missing node ({@link JsonNode#isMissingNode()}) when
     * the body is empty or not JSON, so that {@code js().path("a").path("b")} never fails.
     */
    JsonNode js();
}
