package dev.locustj.web;

/** The response of a custom route ({@link WebRoutes}). 200 and an empty body unless set. */
public interface WebResponse {

    /** Sets the status code. */
    WebResponse status(int status);

    /** Sets a header. */
    WebResponse header(String name, String value);

    /** Sends text with a content type such as "text/csv". */
    WebResponse body(String text, String contentType);

    /** Sends plain text. */
    default WebResponse text(String text) {
        return body(text, "text/plain; charset=utf-8");
    }

    /** Sends HTML. */
    default WebResponse html(String html) {
        return body(html, "text/html; charset=utf-8");
    }

    /** Sends a value (maps, lists, records, strings, numbers) as JSON. */
    WebResponse json(Object value);
}
