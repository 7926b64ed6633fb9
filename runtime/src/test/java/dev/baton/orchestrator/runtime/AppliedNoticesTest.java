package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppliedNoticesTest {

    @Test
    void aStepAppliedWakesTheWaiterLongBeforeItsPauseEnds() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch watch = notices.watch("wf-1")) {
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return watch.await(60_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);
            notices.applied("wf-2"); // another workflow: no wake-up
            Thread.sleep(50);
            assertThat(waited).isNotDone();
            notices.applied("wf-1");
            assertThat(waited.get(30, TimeUnit.SECONDS))
                    .as("woken by the notice")
                    .isTrue();
        }
        assertThat(notices.watchedCount()).isZero();
    }

    @Test
    void aStepAppliedBetweenTwoWaitsIsNotMissed() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch watch = notices.watch("wf-1")) {
            notices.applied("wf-1"); // applied while the waiter was reading
            assertThat(watch.await(60_000)).isTrue();
            assertThat(watch.await(1)).as("one notice wakes one wait").isFalse();
        }
    }

    @Test
    void withoutANoticeTheWatchIsAPause() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch a = notices.watch("wf-1");
                AppliedNotices.Watch b = notices.watch("wf-1")) {
            long t0 = System.nanoTime();
            assertThat(a.await(30)).isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000L).isGreaterThanOrEqualTo(29);
            assertThat(notices.watchedCount()).isOne();
            b.close();
            assertThat(notices.watchedCount()).isOne(); // a still watches
        }
        assertThat(notices.watchedCount()).isZero();
    }
}
