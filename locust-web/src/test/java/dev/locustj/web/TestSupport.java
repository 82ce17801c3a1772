package dev.locustj.web;

import dev.locustj.core.Environment;
import dev.locustj.core.Events;
import dev.locustj.core.HistoryPoint;
import dev.locustj.core.LoadTestShape;
import dev.locustj.core.ResponseTimes;
import dev.locustj.core.Runner;
import dev.locustj.core.Stats;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsError;
import dev.locustj.core.StatsExceptionEntry;
import dev.locustj.core.StatsSnapshot;
import dev.locustj.core.User;
import dev.locustj.core.UserClassSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-built stats, an environment that serves them, and a small HTTP client for the route tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** A distribution over given samples (exact, no buckets). */
    record Times(long[] sorted) implements ResponseTimes {
        static Times of(long... values) {
            long[] s = values.clone();
            Arrays.sort(s);
            return new Times(s);
        }

        @Override public long count() { return sorted.length; }

        @Override
        public long percentile(double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
        }

        @Override
        public long median() {
            return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
        }

        @Override
        public NavigableMap<Long, Long> buckets() {
            NavigableMap<Long, Long> m = new TreeMap<>();
            for (long v : sorted) {
                m.merge(v, 1L, Long::sum);
            }
            return m;
        }
    }

    static StatsEntrySnapshot entry(String method, String name, long requests, long failures, long... times) {
        Times t = Times.of(times);
        double total = Arrays.stream(times).sum();
        double min = times.length == 0 ? 0 : t.sorted()[0];
        double max = times.length == 0 ? 0 : t.sorted()[times.length - 1];
        return new StatsEntrySnapshot(method, name, requests, failures, total, min, max, requests * 100L,
                requests / 10.0, failures / 10.0, requests / 20.0, failures / 20.0, t, t,
                1_700_000_000.0, 1_700_000_060.0);
    }

    /** Two entries (GET /a, kv get), a total, one error and one exception. */
    static StatsSnapshot sampleSnapshot() {
        StatsEntrySnapshot a = entry("GET", "/a<b>", 10, 2, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        StatsEntrySnapshot b = entry("kv", "get", 4, 0, 5, 5, 6, 7);
        StatsEntrySnapshot total = entry("", "Aggregated", 14, 2, 5, 5, 6, 7, 10, 20, 30, 40, 50, 60, 70, 80, 90,
                100);
        return new StatsSnapshot(1_700_000_060.0, List.of(a, b), total,
                List.of(new StatsError("GET", "/a<b>", "HTTPError('500 Server Error')", 2, 1_700_000_001.5,
                        1_700_000_050.25)),
                List.of(new StatsExceptionEntry(3, "boom <x>", "Traceback...\n  at Foo.bar", Set.of("local"))),
                3);
    }

    /** Stats that return a fixed snapshot and count snapshot() calls. */
    static final class FixedStats implements Stats {
        volatile StatsSnapshot snapshot;
        final AtomicInteger snapshots = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();
        final AtomicInteger exceptionClears = new AtomicInteger();
        final List<HistoryPoint> history = new ArrayList<>();

        FixedStats(StatsSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public StatsSnapshot snapshot() {
            snapshots.incrementAndGet();
            return snapshot;
        }

        @Override public void reset() { resets.incrementAndGet(); }
        @Override public void clearExceptions() { exceptionClears.incrementAndGet(); }
        @Override public List<HistoryPoint> history() { return List.copyOf(history); }
    }

    /** An environment whose stats() are replaced; everything else is the real one. */
    static final class StatsEnv implements Environment {
        final Environment real;
        final Stats stats;

        StatsEnv(Environment real, Stats stats) {
            this.real = real;
            this.stats = stats;
        }

        @Override public Events events() { return real.events(); }
        @Override public Stats stats() { return stats; }
        @Override public List<Class<? extends User>> userClasses() { return real.userClasses(); }
        @Override public Optional<Class<? extends LoadTestShape>> shapeClass() { return real.shapeClass(); }
        @Override public Optional<String> host() { return real.host(); }
        @Override public void host(String host) { real.host(host); }
        @Override public Set<String> tags() { return real.tags(); }
        @Override public Set<String> excludeTags() { return real.excludeTags(); }
        @Override public Duration stopTimeout() { return real.stopTimeout(); }
        @Override public boolean resetStats() { return real.resetStats(); }
        @Override public long iterations() { return real.iterations(); }
        @Override public Optional<Runner> runner() { return real.runner(); }
        @Override public Runner createLocalRunner() { return real.createLocalRunner(); }
        @Override public OptionalInt processExitCode() { return real.processExitCode(); }
        @Override public void processExitCode(int exitCode) { real.processExitCode(exitCode); }
        @Override public Map<String, String> options() { return real.options(); }
        @Override public <T> Optional<T> extension(Class<T> type) { return real.extension(type); }
        @Override public <T> void extension(Class<T> type, T component) { real.extension(type, component); }
        @Override public void updateUserClass(UserClassSettings s) { real.updateUserClass(s); }
        @Override public UserClassSettings userClassSettings(String name) { return real.userClassSettings(name); }
    }

    /** A minimal HTTP client for the tests (no redirects followed). */
    static final class Http {
        final HttpClient client;
        final String base;
        Optional<String> auth = Optional.empty();

        Http(String base) {
            this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base);
        }

        Http(HttpClient client, String base) {
            this.client = client;
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }

        Http auth(String userColonPass) {
            auth = Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    userColonPass.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        private HttpRequest.Builder req(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            auth.ifPresent(a -> b.header("Authorization", a));
            return b;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(req(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
            return client.send(req(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
            return client.send(req(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
