package dev.locustj.web;

import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

/** A user that only waits: runs under the real LocalRunner without touching the stats. */
public class IdleUser extends User {
    @Override
    public WaitTime waitTime() {
        return WaitTime.constant(0.05);
    }

    /** Does nothing. */
    @Task(3)
    public void idle() {
    }

    /** Does nothing either. */
    @Task(1)
    public void rest() {
    }
}
