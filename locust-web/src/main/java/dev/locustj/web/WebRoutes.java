package dev.locustj.web;

/**
 * Custom routes on the running web UI: Locust's {@code environment.web_ui.app} extension point (WEB-18), without
 * exposing the web framework. Routes are served under the base path and behind the same authentication as the
 * built-in ones.
 *
 * <pre>{@code
 * env.events().init().add(e -> e.environment().extension(WebRoutes.class).ifPresent(routes ->
 *     routes.get("/hello", (req, res) -> res.json(Map.of("hello", req.queryParam("name").orElse("world"))))));
 * }</pre>
 *
 * <p>{@link WebUi#start} registers its routes with {@code env.extension(WebRoutes.class, ...)}, before the launcher
 * fires the init event.
 */
public interface WebRoutes {

    /** Handles one request. Exceptions become a 500 with a one-line JSON message. */
    @FunctionalInterface
    interface Handler {
        /** Handles {@code request}, writing to {@code response}. */
        void handle(WebRequest request, WebResponse response) throws Exception;
    }

    /** Adds a GET route; {@code path} is relative to the base path and may use {@code {param}} segments. */
    WebRoutes get(String path, Handler handler);

    /** Adds a POST route. */
    WebRoutes post(String path, Handler handler);

    /** Adds a link to the "Download Data" tab (newest Locust's plugin extension of that tab). */
    WebRoutes downloadLink(String path, String label);
}
