package dev.locustj.core.internal.stats;

import dev.locustj.core.RequestEvent;
import dev.locustj.core.StatsEntrySnapshot;
import dev.locustj.core.StatsSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RequestStatsTest {

    private static final double T0 = 1_795_371_960.0;

    /** A CatchResponseError as the http module defines it (only the simple name matters). */
    static final class CatchResponseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CatchResponseError(String message) {
            super(message);
        }
    }

    @Test
    void recordsEntriesTotalsAndSortsByNameThenMethod() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        stats.record(RequestEvent.success("POST", "/b", 20, 100));
        stats.record(RequestEvent.success("GET", "/b", 10, 50));
        stats.record(RequestEvent.success("GET", "/a", 145.4, 10));
        stats.record(RequestEvent.failure("GET", "/a", 3, 0, new CatchResponseError("got 500")));
        StatsSnapshot s = stats.snapshot();
        assertThat(s.entries()).extracting(e -> e.method() + " " + e.name())
                .containsExactly("GET /a", "GET /b", "POST /b");
        StatsEntrySnapshot a = s.entry("GET", "/a").orElseThrow();
        assertThat(s.entry("PUT", "/a")).isEmpty();
        assertThat(s.entriesAndTotal()).hasSize(4).last().isEqualTo(s.total());
        assertThat(a.numRequests()).isEqualTo(2);
        assertThat(a.numFailures()).isEqualTo(1);
        assertThat(a.minResponseTime()).isEqualTo(3.0);
        assertThat(a.maxResponseTime()).isEqualTo(145.4);
        assertThat(a.totalResponseTime()).isCloseTo(148.4, within(1e-9));
        assertThat(a.responseTimes().buckets()).containsEntry(150L, 1L).containsEntry(3L, 1L);
        assertThat(a.totalContentLength()).isEqualTo(10);
        StatsEntrySnapshot t = s.total();
        assertThat(t.isTotal()).isTrue();
        assertThat(t.numRequests()).isEqualTo(4);
        assertThat(t.numFailures()).isEqualTo(1);
        assertThat(t.totalContentLength()).isEqualTo(160);
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.name()).isEqualTo("/a");
            assertThat(e.error()).isEqualTo("CatchResponseError('got 500')");
            assertThat(e.occurrences()).isEqualTo(1);
            assertThat(e.firstSeen()).isEqualTo(T0);
        });
    }

    @Test
    void currentRpsAveragesTheWindowLeavingOutTheLastTwoSeconds() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        for (int sec = 0; sec < 20; sec++) {
            for (int i = 0; i < 5; i++) {
                clock.set(T0 + sec + 0.1 * i);
                stats.logRequest("GET", "/x", 10, 1);
            }
            clock.set(T0 + sec + 0.5);
            stats.logFailure("GET", "/x", 10, 1, "Err()");
        }
        StatsSnapshot s = stats.snapshot();
        // L = T0+19, window [T0+7, T0+17): 6 requests and 1 failure per second
        assertThat(s.total().currentRps()).isEqualTo(6.0);
        assertThat(s.total().currentFailPerSec()).isEqualTo(1.0);
        assertThat(s.entries().get(0).currentRps()).isEqualTo(6.0);
        // total rate: 120 requests over (T0+19.5 - T0)
        assertThat(s.total().totalRps()).isCloseTo(120 / 19.5, within(1e-9));
        assertThat(s.total().totalFailPerSec()).isCloseTo(20 / 19.5, within(1e-9));
    }

    @Test
    void currentRpsAtTheStartUsesOnlyTheSecondsSinceTheStart() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        stats.logRequest("GET", "/x", 10, 1);
        stats.logRequest("GET", "/x", 10, 1);
        clock.set(T0 + 1.2);
        stats.logRequest("GET", "/x", 10, 1);
        assertThat(stats.snapshot().total().currentRps()).isZero(); // window [T0, T0-1) is empty
        clock.set(T0 + 3.5);
        stats.logRequest("GET", "/x", 10, 1);
        // L = T0+3: window [T0, T0+1) has 2 requests in 1 second
        assertThat(stats.snapshot().total().currentRps()).isEqualTo(2.0);
    }

    @Test
    void currentPercentilesUseTheBucketsOfAboutTheLastTenSeconds() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        for (int sec = 0; sec < 30; sec++) {
            clock.set(T0 + sec);
            stats.tick();
            stats.logRequest("GET", "/x", sec < 15 ? 1000 : 10, 0);
        }
        clock.set(T0 + 30);
        StatsEntrySnapshot t = stats.snapshot().total();
        assertThat(t.percentile(0.5)).isEqualTo(1000);
        assertThat(t.currentResponseTimes().count()).isEqualTo(10);
        assertThat(t.currentResponseTimes().percentile(0.95)).isEqualTo(10);
        assertThat(new RequestStats("x", clock).snapshot().total().currentResponseTimes().count()).isZero();
    }

    @Test
    void historyGetsOnePointPerTickAndIsBounded() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        stats.userCountSupplier(() -> 7);
        stats.logRequest("GET", "/x", 12, 0);
        stats.tick();
        clock.advance(1);
        stats.tick();
        assertThat(stats.history()).hasSize(2);
        assertThat(stats.history().get(1).userCount()).isEqualTo(7);
        assertThat(stats.history().get(1).totalAvgResponseTime()).isEqualTo(12.0);
        assertThat(stats.history().get(1).currentPercentiles()).containsOnlyKeys(0.5, 0.95);
        stats.historyCondition(() -> false);
        stats.tick();
        assertThat(stats.history()).hasSize(2);
    }

    @Test
    void resetZeroesEntriesErrorsAndHistoryButKeepsExceptions() {
        ManualClock clock = new ManualClock(T0);
        RequestStats stats = new RequestStats("local", clock);
        stats.logRequest("GET", "/x", 12, 5);
        stats.logFailure("GET", "/x", 12, 5, "Boom()");
        stats.logException(new IllegalStateException("bad"));
        stats.tick();
        clock.advance(5);
        stats.reset();
        StatsSnapshot s = stats.snapshot();
        assertThat(s.entries()).singleElement().satisfies(e -> {
            assertThat(e.numRequests()).isZero();
            assertThat(e.numFailures()).isZero();
            assertThat(e.minResponseTime()).isZero();
            assertThat(e.maxResponseTime()).isZero();
            assertThat(e.responseTimes().buckets()).isEmpty();
            assertThat(e.startTime()).isEqualTo(T0 + 5);
            assertThat(e.lastRequestTimestamp()).isZero();
        });
        assertThat(s.total().numRequests()).isZero();
        assertThat(s.total().startTime()).isEqualTo(T0 + 5);
        assertThat(s.errors()).isEmpty();
        assertThat(stats.history()).isEmpty();
        assertThat(s.exceptions()).hasSize(1);
        stats.clearExceptions();
        assertThat(stats.snapshot().exceptions()).isEmpty();
    }

    @Test
    void exceptionsAreKeyedByTracebackAndMergeNodes() {
        RequestStats stats = new RequestStats("local", new ManualClock(T0));
        List<String> forwarded = new ArrayList<>();
        stats.exceptionListener((message, traceback) -> forwarded.add(message));
        for (int i = 0; i < 3; i++) {
            stats.logException(new IllegalArgumentException("nope " + i)); // same line: same traceback
        }
        assertThat(stats.snapshot().exceptions()).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(3);
            assertThat(e.message()).isEqualTo("nope 0");
            assertThat(e.traceback()).contains("RequestStatsTest").doesNotContain("nope");
            assertThat(e.nodes()).containsExactly("local");
        });
        assertThat(forwarded).containsExactly("nope 0", "nope 1", "nope 2");
        String tb = stats.snapshot().exceptions().get(0).traceback();
        stats.addException("nope", tb, 2, Set.of("worker-1"));
        assertThat(stats.snapshot().exceptions()).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(5);
            assertThat(e.nodes()).containsExactlyInAnyOrder("local", "worker-1");
        });
    }

    @Test
    void errorTextFollowsNewestLocust() {
        assertThat(RequestStats.errorText(new CatchResponseError("got 500"))).isEqualTo("got 500");
        assertThat(RequestStats.errorText(new IllegalStateException("it's \"bad\""))).isEqualTo(
                "IllegalStateException('it\\'s \"bad\"')");
        assertThat(RequestStats.errorText(new IllegalStateException("it's"))).isEqualTo(
                "IllegalStateException(\"it's\")");
        assertThat(RequestStats.errorText(new NullPointerException())).isEqualTo("NullPointerException()");
        assertThat(ErrorTexts.errorRepr(new CatchResponseError("got 500"))).isEqualTo("CatchResponseError('got 500')");
        assertThat(ErrorTexts.pyRepr("a\\b\nc\u0001")).isEqualTo("'a\\\\b\\nc\\x01'");
        assertThat(ErrorTexts.pyUnquote(ErrorTexts.pyRepr("a\\b\n'c\"\u0001"))).isEqualTo("a\\b\n'c\"\u0001");
        assertThat(ErrorTexts.displayError("CatchResponseError('got 500')")).isEqualTo("got 500");
        assertThat(ErrorTexts.displayError("ValueError('x')")).isEqualTo("ValueError('x')");
        assertThat(ErrorTexts.maskAddresses("<Foo object at 0x7f12ab34>: x")).isEqualTo("<Foo object at 0x....>: x");
    }

    @Test
    void errorKeyMatchesThePythonWorkerCapture() {
        // protocol 7.2: POST /fail CatchResponseError('got 500') -> 1fc659f9a997c772...3605c
        String key = ErrorTexts.errorKey("POST", "/fail", "CatchResponseError('got 500')");
        assertThat(key).startsWith("1fc659f9a997c772").endsWith("3605c").hasSize(64);
    }

    @Test
    void concurrentRecordingFromVirtualThreadsCountsExactly() throws InterruptedException {
        RequestStats stats = new RequestStats("local");
        int threads = 200;
        int perThread = 1000;
        CountDownLatch start = new CountDownLatch(1);
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                exec.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String name = "/p" + (i % 4);
                        if (i % 10 == 0) {
                            stats.record(RequestEvent.failure("GET", name, i % 50, 2, new IllegalStateException("x")));
                        } else {
                            stats.record(RequestEvent.success(id % 2 == 0 ? "GET" : "POST", name, i % 300, 2));
                        }
                    }
                    return null;
                });
            }
            stats.start(); // the ticker runs concurrently with the writers
            start.countDown();
        }
        stats.close();
        StatsSnapshot s = stats.snapshot();
        long all = (long) threads * perThread;
        assertThat(s.total().numRequests()).isEqualTo(all);
        assertThat(s.total().numFailures()).isEqualTo(all / 10);
        assertThat(s.total().totalContentLength()).isEqualTo(2 * all);
        assertThat(s.total().responseTimes().buckets().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(all);
        assertThat(s.entries().stream().mapToLong(StatsEntrySnapshot::numRequests).sum()).isEqualTo(all);
        assertThat(s.entries()).hasSize(8);
        assertThat(s.errors()).hasSize(2); // failures only hit /p0 and /p2
        assertThat(s.errors().stream().mapToLong(e -> e.occurrences()).sum()).isEqualTo(all / 10);
        assertThat(stats.totalHistogram().getTotalCount()).isEqualTo(all);
        assertThat(stats.histogram("GET", "/p0")).as("per-name exact histograms are opt-in").isEmpty();
    }

    @Test
    void nanResponseTimeIsAnUntimedRequestLikePythonsNone() {
        RequestStats stats = new RequestStats("local", new ManualClock(T0));
        stats.logRequest("GET", "/x", 10, 1);
        stats.logRequest("GET", "/x", Double.NaN, 1);
        StatsEntrySnapshot e = stats.snapshot().entries().get(0);
        assertThat(e.numRequests()).isEqualTo(2);
        assertThat(e.responseTimes().count()).isEqualTo(1);
        assertThat(e.avgResponseTime()).isEqualTo(10.0);
        assertThat(e.percentile(0.5)).isEqualTo(10);
        Map<String, Object> wire = stats.serializeStats().get(0);
        assertThat(wire).containsEntry("num_requests", 2L).containsEntry("num_none_requests", 1L)
                .containsEntry("total_response_time", 10L);
    }

    @Test
    void highResolutionHistogramsAreKeptForABoundedNumberOfEntries() {
        RequestStats stats = new RequestStats("local", new ManualClock(T0));
        stats.histogramEntryLimit(1);
        stats.logRequest("GET", "/a", 1.5, 0);
        stats.logRequest("GET", "/b", 2.5, 0);
        stats.logRequest("GET", "/a", 3.5, 0);
        assertThat(stats.histogram("GET", "/a")).get().extracting(h -> h.getTotalCount()).isEqualTo(2L);
        assertThat(stats.histogram("GET", "/b")).isEmpty();
        assertThat(stats.histogram("GET", "/none")).isEmpty();
        assertThat(stats.totalHistogram().getTotalCount()).isEqualTo(3);
        assertThat(stats.totalHistogram().getMaxValue()).isBetween(3495L, 3505L); // microseconds
        stats.reset();
        assertThat(stats.totalHistogram().getTotalCount()).isZero();
    }

    @Test
    void tickerStartsAndStopsIdempotently() throws InterruptedException {
        RequestStats stats = new RequestStats("local");
        stats.start();
        stats.start();
        stats.logRequest("GET", "/x", 1, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (stats.history().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stats.close();
        stats.close();
        assertThat(stats.history()).isNotEmpty();
        List<Thread> tickers = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("locust-stats-ticker") && t.isAlive()).forEach(tickers::add);
        for (Thread t : tickers) {
            t.join(2000);
        }
    }
}
