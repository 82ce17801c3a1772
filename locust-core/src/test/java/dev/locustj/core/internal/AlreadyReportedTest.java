package dev.locustj.core.internal;

import dev.locustj.core.AlreadyReported;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustException;
import dev.locustj.core.Runner;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LF-63: an exception already recorded as a request failure (AlreadyReported) ends the task like RescheduleTask and
 * is not counted again in the exceptions table; one that says it is not reported is counted as before.
 */
@Timeout(20)
class AlreadyReportedTest {

    static final AtomicInteger RUNS = new AtomicInteger();

    /** Like http's ResponseError once a catch-response block recorded it. */
    static final class Recorded extends LocustException implements AlreadyReported {
        private static final long serialVersionUID = 1L;
        private final boolean recorded;

        Recorded(String message, boolean recorded) {
            super(message);
            this.recorded = recorded;
        }

        @Override
        public boolean reportedFor(Throwable escaping) {
            return recorded;
        }
    }

    public static class Reporting extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(0.005); }
        @Task public void recorded() {
            RUNS.incrementAndGet();
            throw new Recorded("already in the failures table", true);
        }
        @Task public void suppressed() {
            RUNS.incrementAndGet();
            IllegalStateException e = new IllegalStateException("escaping a try-with-resources block");
            e.addSuppressed(new Recorded("close() recorded it", true));
            throw e;
        }
        @Task public void notRecorded() {
            RUNS.incrementAndGet();
            throw new Recorded("thrown outside any catch block", false);
        }
    }

    @Test
    void alreadyReportedExceptionsEndTheTaskWithoutBeingCountedAgain() throws Exception {
        RUNS.set(0);
        Environment env = Environment.builder().userClasses(Reporting.class).build();
        Runner r = env.createLocalRunner();
        r.start(2, 100);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (RUNS.get() < 30 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        r.quit();
        StatsSnapshot s = env.stats().snapshot();
        assertThat(RUNS.get()).isGreaterThanOrEqualTo(30); // the users went on
        assertThat(s.exceptions()).singleElement().satisfies(x -> {
            assertThat(x.message()).contains("thrown outside any catch block");
            assertThat(x.count()).isLessThan(RUNS.get());
        });
    }

    @Test
    void isReportedLooksAtTheThrowableAndItsSuppressed() {
        assertThat(AlreadyReported.isReported(new Recorded("x", true))).isTrue();
        assertThat(AlreadyReported.isReported(new Recorded("x", false))).isFalse();
        AssertionError a = new AssertionError("boom");
        assertThat(AlreadyReported.isReported(a)).isFalse();
        a.addSuppressed(new Recorded("x", true));
        assertThat(AlreadyReported.isReported(a)).isTrue();
    }
}
