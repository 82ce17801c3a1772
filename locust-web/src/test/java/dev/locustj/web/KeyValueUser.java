package dev.locustj.web;

import dev.locustj.core.RequestEvent;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

import java.util.concurrent.ThreadLocalRandom;

/** A custom (non-HTTP) user: reports its own "kv" requests through the request event; some fail, some throw. */
public class KeyValueUser extends User {

    @Override
    public WaitTime waitTime() {
        return WaitTime.constant(0.02);
    }

    /** A successful read of 1..9 ms. */
    @Task(3)
    public void get() {
        double ms = 1 + ThreadLocalRandom.current().nextInt(9);
        environment().events().request().fire(RequestEvent.success("kv", "get", ms, 42));
    }

    /** A write that fails one time in four. */
    @Task(1)
    public void put() {
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            environment().events().request().fire(RequestEvent.failure("kv", "put", 3, 0,
                    new IllegalStateException("store full")));
        } else {
            environment().events().request().fire(RequestEvent.success("kv", "put", 4, 10));
        }
    }

    /** A task that escapes with an exception now and then (the exceptions tab). */
    @Task(1)
    public void scan() {
        if (ThreadLocalRandom.current().nextInt(10) == 0) {
            throw new UnsupportedOperationException("scan is not supported");
        }
    }
}
