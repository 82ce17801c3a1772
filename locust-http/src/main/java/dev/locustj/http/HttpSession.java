package dev.locustj.http;

import dev.locustj.core.Environment;
import dev.locustj.http.internal.DefaultHttpSession;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A blocking HTTP client that reports every request to Locust's stats (Locust's {@code HttpSession}, LF-60..68).
 *
 * <p>Each call blocks the calling (virtual) thread until the response is complete, then fires
 * {@link Environment#events()}{@code .request()} exactly once with: the method, the name (the path and query of the
 * first request, before redirects, or the name given with {@link HttpRequest#name(String)} or
 * {@link #renameRequest(String)}), the response time in ms, the body length in bytes, the failure, the context, the
 * start time, the URL and the response.
 *
 * <p>Failures never throw into the task: a status of 400 or more fails the request; a refused or reset connection,
 * an unknown host or a timeout fails it with status 0 and {@link HttpResponse#error()} set. Call
 * {@link HttpResponse#raiseForStatus()} to turn them into exceptions. A relative path is appended to the base URL
 * (which may have a path of its own); an absolute {@code http(s)://} URL is used as given.
 *
 * <p>The session keeps one keep-alive connection per host (more only when it is used from several threads at once),
 * and a cookie jar. It may be used from several threads.
 */
public interface HttpSession extends AutoCloseable {

    /**
     * A session outside an {@link HttpUser} (a custom user, a test). The context of its request events is empty
     * unless a request adds its own.
     */
    static HttpSession create(Environment environment, String baseUrl, HttpSettings settings) {
        return DefaultHttpSession.create(environment, baseUrl, settings, Map::of);
    }

    /** The base URL requests are relative to. */
    String baseUrl();

    /** GET {@code path}. */
    HttpResponse get(String path);

    /** GET {@code path} with options, e.g. {@code opt -> opt.name("/item/[id]").catchResponse()}. */
    HttpResponse get(String path, Consumer<HttpRequest> options);

    /** POST {@code body} (UTF-8, no content type) to {@code path}. */
    HttpResponse post(String path, String body);

    /** POST to {@code path}; the options set the body, e.g. {@code opt -> opt.json(order)}. */
    HttpResponse post(String path, Consumer<HttpRequest> options);

    /** POST {@code body} to {@code path} with options. */
    HttpResponse post(String path, String body, Consumer<HttpRequest> options);

    /** PUT {@code body} (UTF-8) to {@code path}. */
    HttpResponse put(String path, String body);

    /** PUT to {@code path}; the options set the body. */
    HttpResponse put(String path, Consumer<HttpRequest> options);

    /** PATCH {@code body} (UTF-8) to {@code path}. */
    HttpResponse patch(String path, String body);

    /** PATCH to {@code path}; the options set the body. */
    HttpResponse patch(String path, Consumer<HttpRequest> options);

    /** DELETE {@code path}. */
    HttpResponse delete(String path);

    /** DELETE {@code path} with options. */
    HttpResponse delete(String path, Consumer<HttpRequest> options);

    /** HEAD {@code path}. */
    HttpResponse head(String path);

    /** HEAD {@code path} with options. */
    HttpResponse head(String path, Consumer<HttpRequest> options);

    /** OPTIONS {@code path}. */
    HttpResponse options(String path);

    /** OPTIONS {@code path} with options. */
    HttpResponse options(String path, Consumer<HttpRequest> options);

    /**
     * A REST call (Locust's {@code FastHttpUser.rest}, LF-37): sends {@code Content-Type: application/json} and
     * {@code Accept: application/json} and returns a caught response with the JSON body in
     * {@link RestResponse#js()}; use it in try-with-resources. A non-JSON body, an {@link AssertionError} or another
     * exception inside the block fails the request (see {@link RestResponse}).
     */
    RestResponse rest(String method, String path);

    /** A REST call with a body serialized to JSON by Jackson (any object: a map, a record, a JsonNode). */
    RestResponse rest(String method, String path, Object jsonBody);

    /** A REST call with options, e.g. {@code opt -> opt.json(order).name("/orders/[id]")}. */
    RestResponse rest(String method, String path, Consumer<HttpRequest> options);

    /** A request with any method (upper-cased), sent by {@link HttpRequest#send()}. */
    HttpRequest request(String method, String path);

    /**
     * Reports every request made by this session under {@code name} until the returned scope is closed
     * (Locust's {@code rename_request}, LF-62). A request's own {@link HttpRequest#name(String)} still wins.
     *
     * <pre>{@code
     * try (var ignored = client().renameRequest("/item/[id]")) {
     *     for (int i = 0; i < 10; i++) client().get("/item/" + i);
     * }
     * }</pre>
     */
    NameScope renameRequest(String name);

    /** Adds a header sent with every request of this session (like {@code client.headers.update}). */
    void header(String name, String value);

    /** The cookies this session holds, by name (a snapshot). */
    Map<String, String> cookies();

    /** Sets a cookie for the base URL's host. */
    void cookie(String name, String value);

    /** Forgets every cookie. */
    void clearCookies();

    /** Closes the connections (the next request opens a new one); cookies are kept. */
    @Override
    void close();

    /** The scope returned by {@link #renameRequest(String)}; closing it restores the previous name. */
    interface NameScope extends AutoCloseable {
        /** Ends the renaming. */
        @Override
        void close();
    }
}
