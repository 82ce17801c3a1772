package dev.locustj.web;

import java.util.List;
import java.util.Optional;

/** A request to a custom route ({@link WebRoutes}). */
public interface WebRequest {

    /** The HTTP method ("GET"). */
    String method();

    /** The path, without the base path. */
    String path();

    /** A {@code {param}} path segment. */
    Optional<String> pathParam(String name);

    /** The first value of a query parameter. */
    Optional<String> queryParam(String name);

    /** The first value of a form field (url-encoded or multipart body). */
    Optional<String> formParam(String name);

    /** Every value of a form field. */
    List<String> formParams(String name);

    /** A request header. */
    Optional<String> header(String name);

    /** The body as text. */
    String body();
}
