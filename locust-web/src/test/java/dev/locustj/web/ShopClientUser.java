package dev.locustj.web;

import dev.locustj.core.RequestEvent;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A custom-protocol user for the browser test: each call sleeps a realistic time and reports itself through the
 * request event, so the dashboard shows several entries, a failure type and steady charts.
 */
public class ShopClientUser extends User {

    @Override
    public WaitTime waitTime() {
        return WaitTime.between(0.05, 0.15);
    }

    private void call(String name, int minMs, int maxMs, long size, double failRate) {
        int ms = ThreadLocalRandom.current().nextInt(minMs, maxMs + 1);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ThreadLocalRandom.current().nextDouble() < failRate) {
            environment().events().request().fire(RequestEvent.failure("kv", name, ms, 0,
                    new IllegalStateException("connection reset by peer")));
        } else {
            environment().events().request().fire(RequestEvent.success("kv", name, ms, size));
        }
    }

    /** Reads a user record. */
    @Task(6)
    public void getUser() {
        call("get user:{id}", 2, 14, 512, 0);
    }

    /** Writes a cart. */
    @Task(3)
    public void putCart() {
        call("put cart:{id}", 6, 30, 128, 0.02);
    }

    /** Scans orders. */
    @Task(1)
    public void scanOrders() {
        call("scan orders", 30, 90, 8192, 0);
    }

    /** Deletes a session. */
    @Task(1)
    public void deleteSession() {
        call("delete session:{id}", 3, 12, 0, 0);
    }
}
