package dev.locustj.runners.internal;

import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import dev.locustj.core.internal.DefaultEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.locustj.runners.internal.DistributedTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** DIST-02, CFG-04: a Java worker's users see the master's values of the custom options, over loopback. */
@Timeout(60)
class CustomOptionsDistributedTest {

    private static final AtomicReference<String> SEEN = new AtomicReference<>("");
    private static final List<CustomOption> DECLARED = List.of(CustomOption.string("my-arg", "worker-default"),
            CustomOption.integer("my-int", 1), CustomOption.flag("my-flag"), CustomOption.string("unset-here"),
            CustomOption.multipleChoice("features", List.of(), "a", "b", "c"));

    private final DistributedTestSupport s = new DistributedTestSupport();

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    /** Records the options it sees. */
    public static class Reader extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.01); }

        @Task public void read() {
            Environment e = environment();
            SEEN.set(e.option("my-arg").orElse("-") + "/" + e.option("my-int").orElse("-") + "/"
                    + e.option("my-flag").orElse("-") + "/" + e.option("unset-here").orElse("-"));
        }
    }

    @Test
    void theWorkerTakesTheMastersValuesBeforeItsUsersStart() throws Exception {
        var menv = (DefaultEnvironment) Environment.builder().userClasses(Reader.class)
                .options(Map.of("headless", "false", "my-arg", "from-master", "my-int", "42", "my-flag", "true",
                        "features", "c,a"))
                .customOptions(DECLARED).build();
        var wenv = (DefaultEnvironment) Environment.builder().userClasses(Reader.class)
                .options(Map.of("headless", "false", "unset-here", "worker-only")).customOptions(DECLARED).build();
        MasterRunner master = s.master(menv);
        WorkerRunner w = s.worker(wenv, master.port(), "h_" + "c".repeat(32));
        assertThat(w.awaitConnected(Duration.ofSeconds(10))).isTrue();
        SEEN.set("");
        master.start(1, 100);
        await("the user ran", Duration.ofSeconds(10), () -> !SEEN.get().isEmpty());
        // unset-here has no value on the master: sent as nil, so the worker's own value goes too (as in Locust)
        assertThat(SEEN.get()).isEqualTo("from-master/42/true/-");
        assertThat(wenv.option("my-int")).hasValue("42");
        assertThat(wenv.option("features")).hasValue("c,a"); // sent as a list, like argparse's

        menv.updateCustomOptions(Map.of("my_arg", "second")); // what the web form does on the master
        master.start(2, 100);
        await("the new value reached the worker", Duration.ofSeconds(10),
                () -> SEEN.get().startsWith("second/"));
        master.stop();
    }
}
