package dev.locustj.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.locustj.core.LocustException;
import dev.locustj.http.HttpRequest;
import dev.locustj.http.HttpResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The request builder. Used by one thread. */
final class DefaultHttpRequest implements HttpRequest {

    final DefaultHttpSession session;
    final String method;
    final String path;
    List<String> headers; // name, value, name, value...
    StringBuilder query;
    byte[] body;
    Path file;
    String contentType;
    String name;
    Duration timeout;
    boolean allowRedirects = true;
    String authorization;
    StringBuilder cookies;
    Map<String, Object> context;
    boolean catchResponse;
    boolean stream;
    boolean rest;
    private boolean sent;

    DefaultHttpRequest(DefaultHttpSession session, String method, String path) {
        this.session = session;
        this.method = method;
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public HttpRequest header(String name, String value) {
        if (headers == null) {
            headers = new ArrayList<>(4);
        }
        headers.add(Objects.requireNonNull(name, "header name"));
        headers.add(Objects.requireNonNull(value, "header value"));
        return this;
    }

    @Override
    public HttpRequest headers(Map<String, String> map) {
        map.forEach(this::header);
        return this;
    }

    @Override
    public HttpRequest query(String name, Object value) {
        if (query == null) {
            query = new StringBuilder();
        } else {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(String.valueOf(value)));
        return this;
    }

    @Override
    public HttpRequest query(Map<String, ?> parameters) {
        parameters.forEach(this::query);
        return this;
    }

    @Override
    public HttpRequest body(String text) {
        this.file = null;
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    @Override
    public HttpRequest body(byte[] bytes) {
        this.file = null;
        this.body = Objects.requireNonNull(bytes, "body");
        return this;
    }

    @Override
    public HttpRequest body(byte[] bytes, String type) {
        this.file = null;
        this.body = Objects.requireNonNull(bytes, "body");
        this.contentType = type;
        return this;
    }

    @Override
    public HttpRequest body(Path f, String type) {
        if (!Files.isReadable(f) || Files.isDirectory(f)) {
            throw new LocustException("cannot read the body file " + f);
        }
        this.file = f;
        this.body = null;
        this.contentType = type;
        return this;
    }

    @Override
    public HttpRequest form(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(encode(k)).append('=').append(encode(String.valueOf(v)));
        });
        return body(sb.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    @Override
    public HttpRequest json(Object value) {
        try {
            return body(Json.MAPPER.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new LocustException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage());
        }
    }

    @Override
    public HttpRequest name(String n) {
        this.name = Objects.requireNonNull(n, "name");
        return this;
    }

    @Override
    public HttpRequest timeout(Duration t) {
        if (t.isNegative() || t.isZero()) {
            throw new LocustException("timeout must be positive, got " + t);
        }
        this.timeout = t;
        return this;
    }

    @Override
    public HttpRequest allowRedirects(boolean allow) {
        this.allowRedirects = allow;
        return this;
    }

    @Override
    public HttpRequest basicAuth(String user, String password) {
        this.authorization = basic(user + ":" + password);
        return this;
    }

    static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public HttpRequest cookie(String n, String value) {
        if (cookies == null) {
            cookies = new StringBuilder();
        } else {
            cookies.append("; ");
        }
        cookies.append(n).append('=').append(value);
        return this;
    }

    @Override
    public HttpRequest context(String key, Object value) {
        if (context == null) {
            context = new HashMap<>();
        }
        context.put(key, value);
        return this;
    }

    @Override
    public HttpRequest context(Map<String, ?> map) {
        map.forEach(this::context);
        return this;
    }

    @Override
    public HttpRequest catchResponse() {
        this.catchResponse = true;
        return this;
    }

    @Override
    public HttpRequest stream() {
        this.stream = true;
        return this;
    }

    @Override
    public HttpResponse send() {
        if (sent) {
            throw new LocustException("this request was already sent; build a new one");
        }
        sent = true;
        return session.execute(this);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
