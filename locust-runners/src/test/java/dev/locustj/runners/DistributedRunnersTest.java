package dev.locustj.runners;

import dev.locustj.core.ConfigurationException;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public entry points the CLI calls (CLI-25..35). */
@Timeout(30)
class DistributedRunnersTest {

    /** A user. */
    public static class Somebody extends User {
        @Task public void work() { }
    }

    private static Environment env() {
        return Environment.builder().userClasses(Somebody.class).build();
    }

    @Test
    void masterAndWorkerRegisterThemselvesAndTalk() throws Exception {
        Environment menv = env();
        Runner master = DistributedRunners.master(menv, MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0).withExpectWorkers(1, Duration.ofSeconds(10)));
        try {
            assertThat(menv.runner()).containsSame(master);
            int port = DistributedRunners.boundPort(master).orElseThrow();
            Environment wenv = env();
            Runner worker = DistributedRunners.worker(wenv, WorkerOptions.defaults().withMaster("127.0.0.1", port));
            assertThat(wenv.runner()).containsSame(worker);
            assertThat(DistributedRunners.awaitWorkers(master)).isTrue();
            assertThat(DistributedRunners.workerCount(master)).hasValue(1);
            assertThat(DistributedRunners.boundPort(worker)).isEmpty();
            assertThat(DistributedRunners.workers(master)).singleElement()
                    .satisfies(w -> {
                        assertThat(w.index()).isZero();
                        assertThat(w.state()).isEqualTo("ready");
                        assertThat(w.id()).matches("[^_]+_[0-9a-f]{32}");
                    });
            assertThat(DistributedRunners.workers(worker)).isEmpty();
            master.quit();
            assertThat(worker.await(Duration.ofSeconds(10))).isTrue();
            assertThat(wenv.processExitCode()).isEmpty();
        } finally {
            master.quit();
        }
    }

    @Test
    void aBusyPortIsAConfigurationError() {
        Runner first = DistributedRunners.master(env(), MasterOptions.defaults().withBindHost("127.0.0.1")
                .withBindPort(0));
        try {
            int port = DistributedRunners.boundPort(first).orElseThrow();
            assertThatThrownBy(() -> DistributedRunners.master(env(), MasterOptions.defaults()
                    .withBindHost("127.0.0.1").withBindPort(port)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(String.valueOf(port));
        } finally {
            first.quit();
        }
    }

    @Test
    void badOptionsAreConfigurationErrors() {
        assertThatThrownBy(() -> MasterOptions.defaults().withExpectWorkers(0, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> MasterOptions.defaults().withBindPort(70000))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WorkerOptions.defaults().withMaster("", 5557))
                .isInstanceOf(ConfigurationException.class);
        assertThat(MasterOptions.defaults().bindHost()).isEqualTo("*");
        assertThat(MasterOptions.defaults().bindPort()).isEqualTo(5557);
        assertThat(WorkerOptions.defaults().masterHost()).isEqualTo("127.0.0.1");
        assertThat(WorkerOptions.defaults().masterPort()).isEqualTo(5557);
    }
}
