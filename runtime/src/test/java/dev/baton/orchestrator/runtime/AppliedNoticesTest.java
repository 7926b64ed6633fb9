package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
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
            notices.applied(instance("wf-2", WorkflowStatus.RUNNING)); // another workflow: no wake-up
            Thread.sleep(50);
            assertThat(waited).isNotDone();
            notices.applied(instance("wf-1", WorkflowStatus.RUNNING));
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
            notices.applied(instance("wf-1", WorkflowStatus.RUNNING)); // applied while the waiter was reading
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

    @Test
    void aConditionalWatchWakesOnlyWhenItsConditionHoldsAfterAStep() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch watch = notices.watch("wf-1", WorkflowInstance::isTerminal)) {
            notices.applied(instance("wf-1", WorkflowStatus.RUNNING)); // a step, but the workflow goes on
            assertThat(watch.await(20))
                    .as("not woken by a step after which the condition fails")
                    .isFalse();
            notices.applied(instance("wf-1", WorkflowStatus.COMPLETED));
            assertThat(watch.await(60_000)).isTrue();
        }
    }

    @Test
    void aConditionThatThrowsWakesTheWaiterToReadForItself() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch watch = notices.watch("wf-1", wf -> {
            throw new IllegalStateException("a bug in the condition");
        })) {
            notices.applied(instance("wf-1", WorkflowStatus.RUNNING)); // the stream thread goes on
            assertThat(watch.await(60_000)).isTrue();
        }
    }

    @Test
    void aRemovedWorkflowWakesEveryWatchOfIt() throws Exception {
        AppliedNotices notices = new AppliedNotices();
        try (AppliedNotices.Watch watch = notices.watch("wf-1", WorkflowInstance::isTerminal)) {
            notices.removed("wf-2");
            assertThat(watch.await(20)).isFalse();
            notices.removed("wf-1");
            assertThat(watch.await(60_000)).isTrue();
        }
    }

    private static WorkflowInstance instance(String id, WorkflowStatus status) {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = id;
        wf.status = status;
        return wf;
    }
}
