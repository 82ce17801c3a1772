package dev.locustj.examples.custom;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A custom client, as in Locust's "Testing other systems using custom clients": it times any call and reports it
 * through the request event, so it shows up in the stats, CSV files and web UI like an HTTP request.
 */
public final class TimedClient {

    private final Environment environment;
    private final String requestType;

    /** A client that reports its calls as {@code requestType} requests. */
    public TimedClient(Environment environment, String requestType) {
        this.environment = environment;
        this.requestType = requestType;
    }

    /** Runs {@code call}, reports it under {@code name}, and returns its result (empty when it failed). */
    public <T> Optional<T> call(String name, Callable<T> call) {
        long start = System.nanoTime();
        double startTime = System.currentTimeMillis() / 1000.0;
        try {
            T result = call.call();
            report(name, start, startTime, sizeOf(result), Optional.empty());
            return Optional.ofNullable(result);
        } catch (Exception e) {
            report(name, start, startTime, 0, Optional.of(e));
            return Optional.empty();
        }
    }

    private void report(String name, long start, double startTime, long length, Optional<Throwable> error) {
        double ms = (System.nanoTime() - start) / 1e6;
        environment.events().request().fire(new RequestEvent(requestType, name, ms, length, error, Map.of(),
                startTime, Optional.empty(), Optional.empty()));
    }

    private static long sizeOf(Object result) {
        if (result instanceof byte[] b) {
            return b.length;
        }
        if (result instanceof CharSequence s) {
            return s.length();
        }
        return 0;
    }
}
