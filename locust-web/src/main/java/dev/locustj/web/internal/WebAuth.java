package dev.locustj.web.internal;

import dev.locustj.web.WebUiOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's access control ({@code --web-auth}, {@code --web-login}): HTTP basic auth on every route, or the
 * login form with its {@code /login} and {@code /logout} routes and the session cookies it hands out.
 */
final class WebAuth {

    private static final String SESSION_COOKIE = "locustj_session";

    private final UiState ui;
    private final WebUiOptions options;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    WebAuth(UiState ui) {
        this.ui = ui;
        this.options = ui.options();
    }

    /** Guards every route and adds the login routes. */
    void register(Javalin app) {
        app.before(this::authenticate);
        app.get("/login", this::loginPage);
        app.post("/login", this::login);
        app.get("/logout", this::logout);
    }

    private void authenticate(Context ctx) {
        if (options.webAuth().isEmpty() || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String path = ui.relativePath(ctx);
        if (options.webLogin() && (path.equals("/login") || path.equals("/static/app.css")
                || path.equals("/static/favicon.svg"))) {
            return;
        }
        if (basicAuthOk(ctx) || sessionOk(ctx)) {
            return;
        }
        ctx.skipRemainingHandlers();
        if (options.webLogin() && ctx.method() == HandlerType.GET && (path.equals("/") || path.isEmpty())) {
            ctx.redirect(ui.base() + "/login");
            return;
        }
        if (!options.webLogin()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Locust\"");
        }
        ctx.status(401).json(UiState.message(false, "Unauthorized"));
    }

    private boolean basicAuthOk(Context ctx) {
        return BasicAuth.parse(ctx.header("Authorization")).map(c -> credentialsOk(c.user(), c.password()))
                .orElse(false);
    }

    private boolean credentialsOk(String user, String pass) {
        String expected = options.webAuth().orElseThrow();
        byte[] a = (user + ":" + pass).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, expected.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sessionOk(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        return token != null && sessions.contains(token);
    }

    private void loginPage(Context ctx) {
        if (!options.webLogin()) {
            ctx.redirect(ui.base() + "/");
            return;
        }
        String error = ctx.queryParam("error") != null ? "Invalid username or password" : "";
        ctx.html(Assets.text("login.html").replace("{{BASE}}", Html.escape(ui.base()))
                .replace("{{ERROR}}", Html.escape(error)));
    }

    private void login(Context ctx) {
        if (!options.webLogin()) {
            ctx.redirect(ui.base() + "/");
            return;
        }
        String user = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String pass = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (!credentialsOk(user, pass)) {
            ctx.redirect(ui.base() + "/login?error=1");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        sessions.add(token);
        Cookie cookie = new Cookie(SESSION_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setPath(cookiePath());
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(options.tls());
        ctx.cookie(cookie);
        ctx.redirect(ui.base() + "/");
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        if (token != null) {
            sessions.remove(token);
        }
        ctx.removeCookie(SESSION_COOKIE, cookiePath());
        ctx.redirect(ui.base() + (options.webLogin() ? "/login" : "/"));
    }

    private String cookiePath() {
        return ui.base().isEmpty() ? "/" : ui.base();
    }
}
