package dev.locustj.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One request being built: {@code client().request("PUT", "/cart/1").json(item).name("/cart/[id]").send()}. The
 * same type configures the shortcut methods: {@code client().get("/x", opt -> opt.header("Accept", "text/html"))}.
 * Every setter returns this builder. A builder is used by one thread and sent once.
 */
public interface HttpRequest {

    /** Adds a header (repeat the name to send it several times). */
    HttpRequest header(String name, String value);

    /** Adds headers. */
    HttpRequest headers(Map<String, String> headers);

    /** Adds a query parameter, URL-encoded, after any query already in the path. */
    HttpRequest query(String name, Object value);

    /** Adds query parameters in the map's order. */
    HttpRequest query(Map<String, ?> parameters);

    /** The body as UTF-8 text (no content type is added: set one with {@link #header}). */
    HttpRequest body(String body);

    /** The body as bytes, any size (no content type is added). */
    HttpRequest body(byte[] body);

    /** The body and its content type. */
    HttpRequest body(byte[] body, String contentType);

    /**
     * The body read from a file while it is sent, any size, with its content type: the file is streamed from disk
     * in chunks, never held in memory; {@code Content-Length} is the file's size.
     */
    HttpRequest body(Path file, String contentType);

    /** An {@code application/x-www-form-urlencoded} body (Locust's {@code data=dict}). */
    HttpRequest form(Map<String, ?> fields);

    /** A JSON body serialized by Jackson from any object, with {@code Content-Type: application/json}. */
    HttpRequest json(Object value);

    /** The stats name of this request (Locust's {@code name=}, LF-61), e.g. {@code "/item/[id]"}. */
    HttpRequest name(String name);

    /** The response timeout of this request, instead of the session's. */
    HttpRequest timeout(Duration timeout);

    /** Whether redirects are followed (default true). */
    HttpRequest allowRedirects(boolean allow);

    /** Basic authentication (like a {@code user:password@} in the URL, LF-65). */
    HttpRequest basicAuth(String user, String password);

    /** Sends a cookie with this request only (the session's cookies are sent too). */
    HttpRequest cookie(String name, String value);

    /** Adds an entry to the request event's context, over the user's {@code context()} (LF-66). */
    HttpRequest context(String key, Object value);

    /** Adds entries to the request event's context. */
    HttpRequest context(Map<String, ?> context);

    /**
     * Lets the task decide success or failure (Locust's {@code catch_response=True}, LF-63): the request is reported
     * when the response is closed, so use it in try-with-resources and call {@link HttpResponse#success()} or
     * {@link HttpResponse#failure(String)}.
     */
    HttpRequest catchResponse();

    /**
     * Does not keep the response body (Locust's {@code stream=True}, LF-67): it is read and counted, then dropped,
     * so large downloads cost no memory; the reported length is the {@code Content-Length} header, or the bytes
     * counted when there is none, and the reported time is the time to the response head, as in Locust. The body
     * never fails the request for its size ({@link HttpSettings#maxBodySize()} limits kept bodies only).
     */
    HttpRequest stream();

    /** Sends the request, blocks until the response is complete, and reports it (unless catching the response). */
    HttpResponse send();
}
