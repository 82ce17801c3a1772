package dev.locustj.web.internal;

import dev.locustj.web.WebRequest;
import dev.locustj.web.WebResponse;
import dev.locustj.web.WebRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

/**
 * The public {@link WebRoutes} on top of Javalin: custom handlers see a {@link WebRequest} and a {@link WebResponse}
 * over Javalin's {@link Context}, never Javalin itself; download links go to the dashboard's list.
 */
final class JavalinWebRoutes implements WebRoutes {

    private final Javalin app;
    private final UiState ui;
    private final Downloads downloads;

    JavalinWebRoutes(Javalin app, UiState ui, Downloads downloads) {
        this.app = app;
        this.ui = ui;
        this.downloads = downloads;
    }

    @Override
    public WebRoutes get(String path, Handler handler) {
        app.get(path, ctx -> handler.handle(new Request(ctx, ui), new Response(ctx)));
        return this;
    }

    @Override
    public WebRoutes post(String path, Handler handler) {
        app.post(path, ctx -> handler.handle(new Request(ctx, ui), new Response(ctx)));
        return this;
    }

    @Override
    public WebRoutes downloadLink(String path, String label) {
        downloads.addLink(path, label);
        return this;
    }

    /** A custom handler's view of the request; its path is relative to the web base path. */
    private static final class Request implements WebRequest {
        private final Context ctx;
        private final UiState ui;

        Request(Context ctx, UiState ui) {
            this.ctx = ctx;
            this.ui = ui;
        }

        @Override public String method() { return ctx.method().name(); }
        @Override public String path() { return ui.relativePath(ctx); }
        @Override public Optional<String> pathParam(String name) {
            return Optional.ofNullable(ctx.pathParamMap().get(name));
        }
        @Override public Optional<String> queryParam(String name) { return Optional.ofNullable(ctx.queryParam(name)); }
        @Override public Optional<String> formParam(String name) { return Optional.ofNullable(ctx.formParam(name)); }
        @Override public List<String> formParams(String name) { return List.copyOf(ctx.formParams(name)); }
        @Override public Optional<String> header(String name) { return Optional.ofNullable(ctx.header(name)); }
        @Override public String body() { return ctx.body(); }
    }

    /** A custom handler's response, written straight into Javalin's context. */
    private static final class Response implements WebResponse {
        private final Context ctx;

        Response(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public WebResponse status(int status) {
            ctx.status(status);
            return this;
        }

        @Override
        public WebResponse header(String name, String value) {
            ctx.header(name, value);
            return this;
        }

        @Override
        public WebResponse body(String text, String contentType) {
            ctx.contentType(contentType).result(text);
            return this;
        }

        @Override
        public WebResponse json(Object value) {
            ctx.json(value);
            return this;
        }
    }
}
