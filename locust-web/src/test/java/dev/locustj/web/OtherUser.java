package dev.locustj.web;

import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;

/** A second user class for the class picker and ratios. */
public class OtherUser extends User {
    @Override
    public WaitTime waitTime() {
        return WaitTime.constant(0.05);
    }

    /** Does nothing. */
    @Task
    public void other() {
    }
}
