package dev.locustj.http.internal;

import dev.locustj.core.Environment;
import dev.locustj.core.RequestEvent;
import dev.locustj.http.HttpSession;
import dev.locustj.http.HttpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The client is warmed on loopback once, before the first session is handed out, and records nothing. */
@Timeout(60)
class WarmupTest {

    @Test
    void theFirstSessionIsHandedOutWarmAndTheWarmUpIsNotRecorded() {
        Environment env = Environment.builder().build();
        List<RequestEvent> events = new CopyOnWriteArrayList<>();
        env.events().request().add(events::add);
        // no server at this URL: creating the session sends nothing to it, and the warm-up has its own target
        HttpSession s = HttpSession.create(env, "http://127.0.0.1:9", HttpSettings.defaults());
        assertThat(Warmup.warmed()).isTrue();
        assertThat(events).isEmpty();
        assertThat(env.stats().snapshot().entries()).isEmpty();
        s.close();
    }
}
