package dev.locustj.examples.http;

import dev.locustj.core.Host;
import dev.locustj.core.Task;
import dev.locustj.core.WaitTime;
import dev.locustj.core.Weight;
import dev.locustj.http.HttpResponse;
import dev.locustj.http.HttpUser;

import java.time.Duration;

/**
 * Response checks: an expected 404 marked as success, a slow page failed when it is too slow, and a request with
 * its own timeout. All with Locust's catch-response semantics.
 */
@Weight(1)
@Host("http://127.0.0.1:8080")
public class ChecksUser extends HttpUser {

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(0.2, 1.0);
    }

    /** A missing item is the expected answer here, so the request counts as a success. */
    @Task
    public void missingItem() {
        try (HttpResponse r = client().get("/item/0", opt -> opt.name("/item/[missing]").catchResponse())) {
            if (r.statusCode() == 404) {
                r.success();
            } else {
                r.failure("expected 404, got " + r.statusCode());
            }
        }
    }

    /**
     * The slow page (200 ms) must answer within 2 seconds. The failure text is constant on purpose: failures are
     * grouped by (method, name, text), so a text with the measured time in it would make one row per request.
     */
    @Task
    public void slowPage() {
        try (HttpResponse r = client().get("/slow", opt -> opt.timeout(Duration.ofSeconds(5)).catchResponse())) {
            if (r.elapsed().compareTo(Duration.ofSeconds(2)) > 0) {
                r.failure("slow page took more than 2 s");
            }
        }
    }
}
