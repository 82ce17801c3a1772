package dev.locustj.web.internal;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.spi.LogCapture;
import dev.locustj.web.WebRoutes;
import dev.locustj.web.WebUiOptions;
import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyStore;
import java.util.Optional;

/**
 * The Javalin application behind {@link dev.locustj.web.WebUi}: binds (plain or TLS), starts and stops the server,
 * and puts together its route groups: {@link WebAuth}, {@link Pages}, {@link StatsRoutes}, {@link ControlRoutes},
 * {@link Downloads} and the custom {@link JavalinWebRoutes}.
 */
public final class WebServer {

    private static final Logger LOG = LoggerFactory.getLogger("locust.web");

    private final WebUiOptions options;
    private final StatsCache cache;
    private final UiState ui;
    private final Downloads downloads;
    private final ControlRoutes control;
    private final Javalin app;
    private ServerConnector connector;

    /** Creates (not yet started) the server. */
    public WebServer(Environment env, WebUiOptions options) {
        ServerLogLevels.quiet();
        LogCapture.install(); // again on every start: a logging reconfiguration drops the appender
        this.options = options;
        this.cache = new StatsCache(env, StatsCache.INTERVAL);
        this.ui = new UiState(env, options, cache);
        this.downloads = new Downloads(ui);
        this.control = new ControlRoutes(ui);
        String bindHost = options.webHost().isEmpty() || options.webHost().equals("*") ? null : options.webHost();
        Optional<KeyStore> keyStore = options.tls()
                ? Optional.of(PemTls.keyStore(options.tlsCert().get(), options.tlsKey().get()))
                : Optional.empty();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.useVirtualThreads = false; // platform threads: busy users can hold every carrier
            config.router.contextPath = options.webBasePath().isEmpty() ? "/" : options.webBasePath();
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = keyStore.isPresent()
                        ? (ServerConnector) PemTls.connector(server, httpConfig, keyStore.get(), bindHost,
                                options.webPort())
                        : new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setHost(bindHost);
                c.setPort(options.webPort());
                this.connector = c;
                return c;
            });
        });
        routes();
    }

    /** Starts listening; fails with a one-line {@link ConfigurationException} when the port is taken. */
    public void start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot start the web interface on " + describeBind() + ": "
                    + rootMessage(e), e);
        }
        String url = url();
        if (options.webHost().isEmpty() || options.webHost().equals("*")) {
            LOG.info("Starting web interface at {} (accepting connections from all network interfaces)", url);
        } else {
            LOG.info("Starting web interface at {}", url);
        }
    }

    /** Stops the server. */
    public void stop() {
        control.close();
        app.stop();
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The URL of the dashboard. */
    public String url() {
        String host = options.hostDisplayName().orElseGet(() -> options.webHost().isEmpty()
                || options.webHost().equals("*") || options.webHost().equals("0.0.0.0")
                || options.webHost().equals("::") ? "localhost"
                : options.webHost().contains(":") ? "[" + options.webHost() + "]" : options.webHost());
        return (options.tls() ? "https" : "http") + "://" + host + ":" + port() + options.webBasePath() + "/";
    }

    /** The stats cache (tests). */
    public StatsCache cache() {
        return cache;
    }

    /** The custom-routes facade. */
    public WebRoutes webRoutes() {
        return new JavalinWebRoutes(app, ui, downloads);
    }

    private String describeBind() {
        return (options.webHost().isEmpty() ? "*" : options.webHost()) + ":" + options.webPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void routes() {
        new WebAuth(ui).register(app);
        app.after(ctx -> ctx.header("Access-Control-Allow-Origin", "*"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("web request {} {} failed: {}", ctx.method(), ctx.path(), rootMessage(e));
            LOG.debug("web request failure", e);
            ctx.status(500).json(UiState.message(false, rootMessage(e)));
        });
        new Pages(ui, downloads).register(app);
        control.register(app);
        new StatsRoutes(ui).register(app);
        downloads.register(app);
    }
}
