package dev.locustj.http.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.EventHook;
import dev.locustj.core.LocustException;
import dev.locustj.core.RequestEvent;
import dev.locustj.core.StopTest;
import dev.locustj.core.StopUser;
import dev.locustj.core.User;
import dev.locustj.http.ConnectionError;
import dev.locustj.http.HttpRequest;
import dev.locustj.http.HttpResponse;
import dev.locustj.http.HttpSession;
import dev.locustj.http.HttpSettings;
import dev.locustj.http.ResponseError;
import dev.locustj.http.RestResponse;
import dev.locustj.http.TimeoutError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The session: resolves URLs, takes a connection, sends, follows redirects, keeps cookies and reports the request
 * once. Runs on the caller's (virtual) thread; Netty does the I/O.
 */
public final class DefaultHttpSession implements HttpSession {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final String USER_AGENT = "locustj/0.1";

    private final String baseUrl;
    private final Target base;
    private final String basePath;
    private final HttpSettings settings;
    private final int maxBody;
    private final EventHook<RequestEvent> requestHook;
    private final Supplier<Map<String, Object>> context;
    private final ConnectionPool pool = new ConnectionPool();
    private final CookieJar cookies = new CookieJar();
    private final String baseAuthorization;
    private final ProxySelection proxies;
    private volatile Map<String, String> sessionHeaders;
    private volatile String requestName;

    private DefaultHttpSession(Environment env, String baseUrl, HttpSettings settings,
                               Supplier<Map<String, Object>> context, Map<String, String> variables) {
        this.baseUrl = baseUrl;
        this.base = Target.parse(baseUrl.trim());
        String p = base.path();
        this.basePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        this.settings = settings;
        this.maxBody = (int) settings.maxBodySize();
        this.requestHook = env.events().request();
        this.context = context;
        this.sessionHeaders = settings.defaultHeaders();
        this.baseAuthorization = base.userInfo().map(DefaultHttpRequest::basic).orElse(null);
        this.proxies = ProxySelection.of(settings, settings.trustEnv() ? variables : Map.of());
        SessionRegistry registry = SessionRegistry.of(env);
        registry.add(pool);
    }

    /**
     * A session for tests and custom users: {@code context} supplies the base context of every request event. The
     * first session of a process warms the client first (see {@link Warmup}).
     *
     * @throws LocustException when {@code baseUrl} is not an http(s) URL
     */
    public static DefaultHttpSession create(Environment env, String baseUrl, HttpSettings settings,
                                            Supplier<Map<String, Object>> context) {
        Warmup.once();
        return new DefaultHttpSession(env, baseUrl, settings, context, System.getenv());
    }

    /**
     * A session whose proxy environment variables (used with {@link HttpSettings#trustEnv()}) come from
     * {@code variables} instead of the process environment (tests).
     */
    public static DefaultHttpSession create(Environment env, String baseUrl, HttpSettings settings,
                                            Supplier<Map<String, Object>> context, Map<String, String> variables) {
        Warmup.once();
        return new DefaultHttpSession(env, baseUrl, settings, context, variables);
    }

    /** A session that does not wait for the warm-up: the warm-up's own. */
    static DefaultHttpSession unwarmed(Environment env, String baseUrl, HttpSettings settings,
                                       Supplier<Map<String, Object>> context, Map<String, String> variables) {
        return new DefaultHttpSession(env, baseUrl, settings, context, variables);
    }

    /**
     * The session of an HttpUser; its connections are closed when the user is garbage collected. The first call in
     * a process warms the client (see {@link Warmup}), so the user's first request is timed warm.
     */
    public static HttpSession forUser(User user, Environment env, String host, HttpSettings settings) {
        Warmup.once();
        DefaultHttpSession s;
        try {
            s = new DefaultHttpSession(env, host, settings, user::context, System.getenv());
        } catch (dev.locustj.core.ConfigurationException e) {
            throw new StopTest(e.getMessage()); // e.g. an invalid HTTP_PROXY with trustEnv
        } catch (LocustException e) {
            throw new StopTest("Invalid host '" + host + "' for " + user.getClass().getSimpleName()
                    + ": it must look like http://host:port or https://host[/base/path]");
        }
        ConnectionPool pool = s.pool;
        SessionRegistry registry = SessionRegistry.of(env);
        CLEANER.register(user, () -> {
            pool.closeAll();
            registry.remove(pool);
        });
        return s;
    }

    // ---- HttpSession ------------------------------------------------------------------------------------------

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public HttpResponse get(String path) {
        return new DefaultHttpRequest(this, "GET", path).send();
    }

    @Override
    public HttpResponse get(String path, Consumer<HttpRequest> options) {
        return with("GET", path, null, options);
    }

    @Override
    public HttpResponse post(String path, String body) {
        return new DefaultHttpRequest(this, "POST", path).body(body).send();
    }

    @Override
    public HttpResponse post(String path, Consumer<HttpRequest> options) {
        return with("POST", path, null, options);
    }

    @Override
    public HttpResponse post(String path, String body, Consumer<HttpRequest> options) {
        return with("POST", path, body, options);
    }

    @Override
    public HttpResponse put(String path, String body) {
        return new DefaultHttpRequest(this, "PUT", path).body(body).send();
    }

    @Override
    public HttpResponse put(String path, Consumer<HttpRequest> options) {
        return with("PUT", path, null, options);
    }

    @Override
    public HttpResponse patch(String path, String body) {
        return new DefaultHttpRequest(this, "PATCH", path).body(body).send();
    }

    @Override
    public HttpResponse patch(String path, Consumer<HttpRequest> options) {
        return with("PATCH", path, null, options);
    }

    @Override
    public HttpResponse delete(String path) {
        return new DefaultHttpRequest(this, "DELETE", path).send();
    }

    @Override
    public HttpResponse delete(String path, Consumer<HttpRequest> options) {
        return with("DELETE", path, null, options);
    }

    @Override
    public HttpResponse head(String path) {
        return new DefaultHttpRequest(this, "HEAD", path).send();
    }

    @Override
    public HttpResponse head(String path, Consumer<HttpRequest> options) {
        return with("HEAD", path, null, options);
    }

    @Override
    public HttpResponse options(String path) {
        return new DefaultHttpRequest(this, "OPTIONS", path).send();
    }

    @Override
    public HttpResponse options(String path, Consumer<HttpRequest> options) {
        return with("OPTIONS", path, null, options);
    }

    private HttpResponse with(String method, String path, String body, Consumer<HttpRequest> options) {
        DefaultHttpRequest r = new DefaultHttpRequest(this, method, path);
        if (body != null) {
            r.body(body);
        }
        options.accept(r);
        return r.send();
    }

    @Override
    public HttpRequest request(String method, String path) {
        if (method == null || method.isBlank()) {
            throw new LocustException("the HTTP method is empty");
        }
        return new DefaultHttpRequest(this, method.trim().toUpperCase(Locale.ROOT), path);
    }

    @Override
    public RestResponse rest(String method, String path) {
        return rest(method, path, opt -> { });
    }

    @Override
    public RestResponse rest(String method, String path, Object jsonBody) {
        return rest(method, path, opt -> opt.json(jsonBody));
    }

    @Override
    public RestResponse rest(String method, String path, Consumer<HttpRequest> options) {
        DefaultHttpRequest r = (DefaultHttpRequest) request(method, path);
        r.header("Content-Type", "application/json").header("Accept", "application/json");
        options.accept(r);
        r.catchResponse();
        r.rest = true;
        return (RestResponse) r.send();
    }

    @Override
    public NameScope renameRequest(String name) {
        String previous = requestName;
        requestName = name;
        return () -> requestName = previous;
    }

    @Override
    public void header(String name, String value) {
        synchronized (this) {
            Map<String, String> h = new LinkedHashMap<>(sessionHeaders);
            h.put(name, value);
            sessionHeaders = Map.copyOf(h);
        }
    }

    @Override
    public Map<String, String> cookies() {
        return cookies.snapshot();
    }

    @Override
    public void cookie(String name, String value) {
        cookies.set(base.origin().host(), name, value);
    }

    @Override
    public void clearCookies() {
        cookies.clear();
    }

    @Override
    public void close() {
        pool.closeAll();
    }

    /** The idle connections (tests). */
    int idleConnections() {
        return pool.idleCount();
    }

    // ---- one request ------------------------------------------------------------------------------------------

    private record Outcome(Exchange exchange, Target target) {
    }

    HttpResponse execute(DefaultHttpRequest r) {
        long t0 = System.nanoTime();
        double startTime = System.currentTimeMillis() / 1000.0;
        Target first = resolve(r);
        String rn = requestName;
        String name = r.name != null ? r.name : rn != null ? rn : first.pathAndQuery();
        Outcome out;
        try {
            out = perform(r, first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopUser();
        }
        Exchange ex = out.exchange();
        // stream(): like requests' stream=True, the time to the response head (the body is read after it)
        long end = r.stream && ex.error == null && ex.gotHead ? ex.headNanos : System.nanoTime();
        double ms = (end - t0) / 1_000_000.0;
        DefaultHttpResponse resp = new DefaultHttpResponse(this, r.method, name, out.target().url(), out.exchange(),
                r.stream, ms, startTime, mergedContext(r.context), r.catchResponse);
        if (r.rest) {
            resp.parseRestBody();
        }
        if (!r.catchResponse) {
            report(resp, resp.defaultFailure());
        }
        return resp;
    }

    void report(DefaultHttpResponse resp, Throwable failure) {
        if (!requestHook.hasListeners()) {
            return;
        }
        requestHook.fire(new RequestEvent(resp.method(), resp.name(), resp.responseTimeMs, resp.length(),
                Optional.ofNullable(failure), resp.context, resp.startTime, Optional.of(resp.url()),
                Optional.of(resp)));
    }

    private Map<String, Object> mergedContext(Map<String, Object> own) {
        Map<String, Object> userContext = context.get();
        if (userContext == null) {
            userContext = Map.of();
        }
        if (own == null || own.isEmpty()) {
            return userContext;
        }
        Map<String, Object> m = new HashMap<>(userContext);
        m.putAll(own);
        return m;
    }

    private Target resolve(DefaultHttpRequest r) {
        String path = Target.requote(r.path);
        Target t;
        if (Target.isAbsolute(path)) {
            t = Target.parse(path);
        } else {
            String pq;
            if (path.isEmpty()) {
                pq = basePath.isEmpty() ? "/" : basePath;
            } else if (path.charAt(0) == '/' || path.charAt(0) == '?') {
                pq = basePath + path;
            } else {
                pq = basePath + "/" + path;
            }
            if (pq.isEmpty() || pq.charAt(0) != '/') {
                pq = "/" + pq;
            }
            t = new Target(base.origin(), pq, base.userInfo());
        }
        if (r.query != null && !r.query.isEmpty()) {
            String pq = t.pathAndQuery();
            t = new Target(t.origin(), pq + (pq.indexOf('?') >= 0 ? "&" : "?") + r.query, t.userInfo());
        }
        return t;
    }

    private Outcome perform(DefaultHttpRequest r, Target first) throws InterruptedException {
        Target t = first;
        String method = r.method;
        byte[] body = r.body;
        Path file = r.file;
        String contentType = r.contentType;
        String authorization = r.authorization != null ? r.authorization
                : first.userInfo().map(DefaultHttpRequest::basic).orElse(baseAuthorization);
        long timeoutMillis = (r.timeout != null ? r.timeout : settings.timeout()).toMillis();
        int redirects = 0;
        while (true) {
            Exchange ex = exchange(r, t, method, body, file, contentType, authorization, timeoutMillis);
            if (ex.error != null || !r.allowRedirects || !isRedirect(ex.status)) {
                return new Outcome(ex, t);
            }
            String location = ex.headers.get(HttpHeaderNames.LOCATION);
            if (location == null) {
                return new Outcome(ex, t);
            }
            if (redirects >= settings.maxRedirects()) {
                ex.error = new ResponseError("Exceeded " + settings.maxRedirects() + " redirects.");
                return new Outcome(ex, t);
            }
            redirects++;
            Target next;
            try {
                next = t.resolve(location);
            } catch (LocustException e) {
                ex.error = new ResponseError(e.getMessage());
                return new Outcome(ex, t);
            }
            int s = ex.status;
            if ((s == 303 && !method.equals("HEAD")) || ((s == 301 || s == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
                file = null;
                contentType = null;
            }
            if (!next.origin().equals(t.origin())) {
                authorization = next.userInfo().map(DefaultHttpRequest::basic).orElse(null);
            }
            t = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Exchange exchange(DefaultHttpRequest r, Target t, String method, byte[] body, Path file,
                              String contentType, String authorization, long timeoutMillis)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Connection c = pool.poll(t.origin());
            boolean fresh = c == null;
            if (fresh) {
                try {
                    c = Connection.open(t.origin(), settings, proxies.forOrigin(t.origin()));
                } catch (LocustException e) {
                    Exchange failed = new Exchange(false, false, 0);
                    failed.fail(e);
                    return failed;
                }
            }
            boolean keepAlive = !closeRequested(r);
            io.netty.handler.codec.http.HttpRequest req;
            Object upload = null;
            if (file != null) {
                req = head(r, t, c.absoluteForm(), method, file, contentType, authorization);
                upload = openFile(file);
            } else {
                req = build(r, t, c.absoluteForm(), method, body, contentType, authorization);
            }
            // a HEAD response has no body to keep, whatever its Content-Length says
            Exchange ex = new Exchange(r.stream || method.equals("HEAD"), keepAlive, maxBody);
            c.send(req, upload, ex, timeoutMillis);
            try {
                ex.await();
            } catch (InterruptedException e) {
                c.close();
                throw e;
            }
            if (ex.error != null) {
                c.close();
                boolean stale = !fresh && !ex.gotHead && ex.error instanceof ConnectionError
                        && !(ex.error instanceof TimeoutError);
                if (stale && attempt == 0) {
                    continue; // the server closed an idle keep-alive connection: retry once on a new one
                }
                return ex;
            }
            if (ex.headers.contains(HttpHeaderNames.SET_COOKIE)) { // getAll() would allocate a list every time
                cookies.store(t, ex.headers.getAll(HttpHeaderNames.SET_COOKIE));
            }
            if (ex.keepAlive && c.isActive()) {
                pool.release(c);
            } else {
                c.close();
            }
            return ex;
        }
    }

    private static boolean closeRequested(DefaultHttpRequest r) {
        List<String> h = r.headers;
        if (h == null) {
            return false;
        }
        for (int i = 0; i < h.size(); i += 2) {
            if (h.get(i).equalsIgnoreCase("connection") && h.get(i + 1).equalsIgnoreCase("close")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request; {@code proxy} is null for a direct connection or a tunnel, else the connection goes to an HTTP
     * proxy: the target is the absolute URL and {@code proxy} the Proxy-Authorization value (empty for none).
     */
    private DefaultFullHttpRequest build(DefaultHttpRequest r, Target t, String proxy, String method, byte[] body,
                                         String contentType, String authorization) {
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        // no trailers on a full request: the shared empty, read-only headers instead of a fresh map per request
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                proxy == null ? t.pathAndQuery() : t.url(), content,
                DefaultHttpHeadersFactory.headersFactory().newHeaders(), EmptyHttpHeaders.INSTANCE);
        fillHeaders(req.headers(), r, t, method, body == null ? -1 : body.length, contentType, authorization);
        proxyAuthorization(req.headers(), proxy);
        return req;
    }

    private static void proxyAuthorization(HttpHeaders h, String proxy) {
        if (proxy != null && !proxy.isEmpty()) {
            h.set(HttpHeaderNames.PROXY_AUTHORIZATION, proxy);
        }
    }

    /** The head of a request whose body is a file, sent after it in chunks. */
    private io.netty.handler.codec.http.HttpRequest head(DefaultHttpRequest r, Target t, String proxy, String method,
                                                         Path file, String contentType, String authorization) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new LocustException("cannot read the body file " + file + ": " + e.getMessage());
        }
        io.netty.handler.codec.http.DefaultHttpRequest req = new io.netty.handler.codec.http.DefaultHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), proxy == null ? t.pathAndQuery() : t.url());
        fillHeaders(req.headers(), r, t, method, size, contentType, authorization);
        proxyAuthorization(req.headers(), proxy);
        return req;
    }

    private static HttpChunkedInput openFile(Path file) {
        try {
            return new HttpChunkedInput(new ChunkedNioFile(FileChannel.open(file, StandardOpenOption.READ)));
        } catch (IOException e) {
            throw new LocustException("cannot read the body file " + file + ": " + e.getMessage());
        }
    }

    private void fillHeaders(HttpHeaders h, DefaultHttpRequest r, Target t, String method, long length,
                             String contentType, String authorization) {
        h.set(HttpHeaderNames.HOST, t.origin().hostHeader());
        h.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
        h.set(HttpHeaderNames.ACCEPT, "*/*");
        h.set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP_DEFLATE);
        for (Map.Entry<String, String> e : sessionHeaders.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        if (length >= 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, Math.max(0, length));
        }
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (authorization != null) {
            h.set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        List<String> own = r.headers;
        if (own != null) {
            for (int i = 0; i < own.size(); i += 2) {
                h.remove(own.get(i));
            }
            for (int i = 0; i < own.size(); i += 2) {
                h.add(own.get(i), own.get(i + 1));
            }
        }
        String jar = cookies.header(t);
        String extra = r.cookies == null ? null : r.cookies.toString();
        if (jar != null || extra != null) {
            String existing = h.get(HttpHeaderNames.COOKIE);
            StringBuilder sb = new StringBuilder();
            for (String part : new String[] {existing, jar, extra}) {
                if (part != null && !part.isEmpty()) {
                    if (!sb.isEmpty()) {
                        sb.append("; ");
                    }
                    sb.append(part);
                }
            }
            h.set(HttpHeaderNames.COOKIE, sb.toString());
        }
    }
}
