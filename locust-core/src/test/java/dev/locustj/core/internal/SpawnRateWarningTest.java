package dev.locustj.core.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.Task;
import dev.locustj.core.User;
import dev.locustj.core.WaitTime;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Locust's warning on a spawn rate above 100 per second (its LocalRunner.start; the threshold is exclusive). */
class SpawnRateWarningTest {

    static final String WARNING = "Your selected spawn rate is very high (>100), and this is known to sometimes "
            + "cause issues. Do you really need to ramp up that fast?";

    public static class Quiet extends User {
        @Override public WaitTime waitTime() { return WaitTime.constant(1); }
        @Task public void t() { }
    }

    private static List<ILoggingEvent> warningsOfAStartAt(double rate) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        ch.qos.logback.classic.Logger l = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("locust.runners");
        log.start();
        l.addAppender(log);
        Runner r = Environment.builder().userClasses(Quiet.class).build().createLocalRunner();
        try {
            r.start(1, rate);
        } finally {
            r.quit();
            l.detachAppender(log);
        }
        return log.list.stream().filter(e -> e.getFormattedMessage().equals(WARNING)).toList();
    }

    @Test
    void aRateAbove100Warns() {
        assertThat(warningsOfAStartAt(100.5)).singleElement()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void aRateOf100DoesNot() {
        assertThat(warningsOfAStartAt(100)).isEmpty();
    }
}
