package dev.locustj.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.locustj.core.LocustException;
import dev.locustj.http.CatchResponseError;
import dev.locustj.http.HTTPError;
import dev.locustj.http.HttpResponse;
import dev.locustj.http.RestResponse;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.locustj.core.InterruptTaskSet;
import dev.locustj.core.RescheduleTask;
import dev.locustj.core.StopTest;
import dev.locustj.core.StopUser;
import dev.locustj.http.ResponseError;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A response, and for a caught one the state of Locust's response context manager. */
final class DefaultHttpResponse implements RestResponse {

    private enum Mark { NONE, SUCCESS, FAILURE, DISCARD }

    private final DefaultHttpSession session;
    private final String method;
    private final String name;
    private final String url;
    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    private final byte[] body;
    private final long length;
    private final LocustException error;
    final double responseTimeMs;
    final double startTime;
    final Map<String, Object> context;
    private final boolean caught;
    private final long createdNanos = System.nanoTime();

    private Mark mark = Mark.NONE;
    private Throwable markedFailure;
    private boolean reported;
    private Map<String, List<String>> headerMap;
    private boolean rest;
    private JsonNode js;

    DefaultHttpResponse(DefaultHttpSession session, String method, String name, String url, Exchange ex,
                        boolean stream, double responseTimeMs, double startTime, Map<String, Object> context,
                        boolean caught) {
        this.session = session;
        this.method = method;
        this.name = name;
        this.url = url;
        boolean complete = ex.gotHead && ex.error == null;
        this.status = complete ? ex.status : 0; // like Locust: any failure to get a whole response is status 0
        this.reason = complete ? ex.reason : "";
        this.headers = ex.headers;
        this.error = ex.error;
        this.body = ex.error == null && !stream ? ex.bodyBytes() : Exchange.EMPTY;
        if (ex.error != null) {
            this.length = 0;
        } else if (stream) {
            long declared = contentLength(headers);
            this.length = declared >= 0 ? declared : ex.bytesRead;
        } else {
            this.length = body.length;
        }
        this.responseTimeMs = responseTimeMs;
        this.startTime = startTime;
        this.context = context;
        this.caught = caught;
    }

    private static long contentLength(HttpHeaders h) {
        String v = h == null ? null : h.get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    long length() {
        return length;
    }

    /** The failure Locust reports when nothing was marked: the error, or the status. */
    LocustException defaultFailure() {
        if (error != null) {
            return error;
        }
        if (status >= 400) {
            return new HTTPError(status, reason, name);
        }
        return null;
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public boolean ok() {
        return error == null && status > 0 && status < 400;
    }

    @Override
    public String text() {
        if (body.length == 0) {
            return "";
        }
        Charset cs = StandardCharsets.UTF_8;
        if (headers != null) {
            String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
            if (type != null) {
                cs = HttpUtil.getCharset(type, StandardCharsets.UTF_8);
            }
        }
        return new String(body, cs);
    }

    @Override
    public byte[] bytes() {
        return body.clone();
    }

    @Override
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new LocustException("response of " + method + " " + name + " is not valid JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    @Override
    public <T> T json(Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new LocustException("response of " + method + " " + name + " does not fit "
                    + type.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Makes this a {@link RestResponse}: parses the body; a body that is not JSON marks the request failed. */
    void parseRestBody() {
        rest = true;
        js = MissingNode.getInstance();
        if (error != null || body.length == 0) {
            return;
        }
        try {
            js = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            mark = Mark.FAILURE;
            markedFailure = new CatchResponseError("Could not parse response as JSON. " + cut(text(), 250)
                    + ", response code " + status + ", error " + firstLine(e.getMessage()));
            InFlight.takeSince(Long.MAX_VALUE); // not thrown in the block: forget it
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public JsonNode js() {
        JsonNode node = js;
        if (node == null) {
            try {
                node = body.length == 0 ? MissingNode.getInstance() : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                node = MissingNode.getInstance();
            }
            js = node;
        }
        return node;
    }

    /**
     * Reports a rest() response failed by the exception leaving its block (Locust's rest() turns it into
     * {@code response.failure(...)}); once. False for control-flow exceptions, which leave it unreported.
     */
    boolean reportEscaping(Throwable escaping) {
        if (escaping instanceof RescheduleTask || escaping instanceof StopUser || escaping instanceof StopTest
                || escaping instanceof InterruptTaskSet) {
            return false;
        }
        String shortBody = cut(text(), 200);
        String text;
        if (escaping instanceof AssertionError) {
            String m = escaping.getMessage() == null ? ""
                    : escaping.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            if (m.isEmpty()) {
                text = "Assertion failed";
            } else if (m.endsWith(",")) {
                text = m.substring(0, m.length() - 1) + ", response was " + shortBody;
            } else {
                text = m;
            }
        } else {
            text = escaping.getClass().getSimpleName() + ": " + escaping.getMessage() + where(escaping)
                    + ". Response was " + shortBody;
        }
        session.report(this, new CatchResponseError(text));
        InFlight.takeSince(Long.MAX_VALUE);
        return true;
    }

    /** " at Class.method(File.java:12)": the first frame outside the JDK and this library; empty when none. */
    private static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")
                    && !c.startsWith("dev.locustj.http.internal.") && !c.startsWith("dev.locustj.core.")) {
                return " at " + c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + "("
                        + e.getFileName() + ":" + e.getLineNumber() + ")";
            }
        }
        return "";
    }

    @Override
    public Optional<String> header(String headerName) {
        return headers == null ? Optional.empty() : Optional.ofNullable(headers.get(headerName));
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> m = headerMap;
        if (m == null) {
            TreeMap<String, List<String>> t = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (headers != null) {
                for (Map.Entry<String, String> e : headers) {
                    t.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
                }
                t.replaceAll((k, v) -> List.copyOf(v));
            }
            m = Collections.unmodifiableMap(t);
            headerMap = m;
        }
        return m;
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos((long) (responseTimeMs * 1_000_000));
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<LocustException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public HttpResponse raiseForStatus() {
        if (error != null) {
            throw error;
        }
        if (status >= 400) {
            throw new HTTPError(status, reason, name);
        }
        return this;
    }

    private void checkCaught(String what) {
        if (!caught) {
            throw new LocustException("Tried to call " + what + " on a response without catchResponse(): "
                    + "use client().get(path, opt -> opt.catchResponse()) in a try-with-resources block");
        }
        if (reported) {
            throw new LocustException("Tried to call " + what + " after the response was closed and reported");
        }
    }

    @Override
    public void success() {
        checkCaught("success()");
        mark = Mark.SUCCESS;
        markedFailure = null;
    }

    @Override
    public void failure(String message) {
        checkCaught("failure()");
        mark = Mark.FAILURE;
        markedFailure = new CatchResponseError(message);
    }

    @Override
    public void failure(Throwable exception) {
        checkCaught("failure()");
        mark = Mark.FAILURE;
        markedFailure = exception;
    }

    @Override
    public void discard() {
        checkCaught("discard()");
        mark = Mark.DISCARD;
    }

    @Override
    public void close() {
        if (!caught || reported) {
            return;
        }
        reported = true;
        if (rest && mark != Mark.DISCARD && ExceptionalExit.closingBecauseOfException()) {
            // Locust's rest(): the exception leaving the block decides, whatever was marked before
            ResponseError thrown = InFlight.takeSince(createdNanos);
            if (thrown != null) {
                session.report(this, thrown);
                InFlight.recorded(thrown);
                return;
            }
            throw new RestExit(this); // added to the leaving exception as suppressed; reports when it ends the task
        }
        switch (mark) {
            case SUCCESS -> session.report(this, null);
            case FAILURE -> session.report(this, markedFailure);
            case DISCARD -> { }
            case NONE -> {
                if (ExceptionalExit.closingBecauseOfException()) {
                    // Locust's __exit__ with an exception: a ResponseError is the failure, anything else
                    // (RescheduleTask, a bug in the task) leaves the request unreported and propagates.
                    ResponseError thrown = InFlight.takeSince(createdNanos);
                    if (thrown != null) {
                        session.report(this, thrown);
                        InFlight.recorded(thrown); // swallowed: the user loop will not count it again
                    }
                } else {
                    session.report(this, defaultFailure());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public String toString() {
        return "HttpResponse[" + method + " " + url + " -> " + (error != null ? error.getMessage() : status) + "]";
    }
}
