package dev.locustj.web;

import dev.locustj.core.Environment;
import dev.locustj.web.internal.WebServer;

/**
 * The web dashboard and HTTP API of one environment (WEB-01..39), Locust's {@code WebUI}. Start it with
 * {@link #start}; it serves until {@link #stop}.
 *
 * <pre>{@code
 * WebUi ui = WebUi.start(env, WebUiOptions.builder().webPort(8089).build());
 * // ... env.events().init() listeners may now add routes through env.extension(WebRoutes.class)
 * ui.stop();
 * }</pre>
 *
 * <p>Starting registers the UI as {@code env.extension(WebUi.class)} and its {@link WebRoutes} as
 * {@code env.extension(WebRoutes.class)}.
 */
public final class WebUi {

    private final WebServer server;

    private WebUi(WebServer server) {
        this.server = server;
    }

    /**
     * Binds and starts the UI, logging "Starting web interface at URL". Fails with a
     * {@link dev.locustj.core.ConfigurationException} (one line) when the port is taken or the TLS files are bad.
     */
    public static WebUi start(Environment env, WebUiOptions options) {
        WebServer server = new WebServer(env, options);
        server.start();
        WebUi ui = new WebUi(server);
        env.extension(WebUi.class, ui);
        env.extension(WebRoutes.class, server.webRoutes());
        return ui;
    }

    /** The port it listens on (the real one when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** The dashboard's URL, such as {@code http://localhost:8089/}. */
    public String url() {
        return server.url();
    }

    /** The custom routes of this UI (the same object as {@code env.extension(WebRoutes.class)}). */
    public WebRoutes routes() {
        return server.webRoutes();
    }

    /** Stops serving. */
    public void stop() {
        server.stop();
    }
}
