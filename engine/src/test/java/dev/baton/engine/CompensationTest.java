package dev.baton.engine;

import static dev.baton.engine.effect.EventType.COMPENSATION_COMPLETED;
import static dev.baton.engine.effect.EventType.COMPENSATION_FAILED;
import static dev.baton.engine.effect.EventType.COMPENSATION_STARTED;
import static dev.baton.engine.effect.EventType.TASK_COMPLETED;
import static dev.baton.engine.effect.EventType.TASK_FAILED;
import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.WORKFLOW_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saga compensation: the completed steps of a failed workflow are undone, newest first, then it ends FAILED. */
class CompensationTest {
    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void given() {
        h.registerTask(Defs.taskDef("refund_payment", 1, "FIXED", 0));
        h.registerWorkflow("""
                {"name": "booking", "version": 1, "tasks": [
                  {"name": "reserve_seat", "taskReferenceName": "reserve", "compensation": "release_seat"},
                  {"name": "charge_payment", "taskReferenceName": "charge",
                   "compensation": {"name": "refund_payment", "inputParameters": {
                     "paymentId": "${charge.output.paymentId}", "bookingId": "${workflow.input.bookingId}"}}},
                  {"name": "issue_ticket", "taskReferenceName": "ticket"}],
                 "failureWorkflow": "booking_failed"}""");
    }

    @Test
    void completedStepsAreUndoneNewestFirstThenTheWorkflowFails() {
        // given
        h.registerWorkflow("""
                {"name": "booking_failed", "version": 1, "tasks": [{"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}""");
        String wf = h.start("booking", "{\"bookingId\": \"BK-1\"}");
        h.complete(wf, "reserve", "{\"seat\": \"12A\"}");
        h.complete(wf, "charge", "{\"paymentId\": \"PAY-7\"}");

        // when: the last step fails for good
        h.failTerminal(wf, "ticket", "ticket printer on fire");

        // then: the payment is refunded first, with the charge's output
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasDispatchedRefs("reserve", "charge", "ticket", "charge__compensation");
        EngineHarness.Command refund = h.commands(wf).get(3);
        assertThat(refund.taskType()).isEqualTo("refund_payment");
        assertThat((JsonNode) refund.input())
                .isEqualTo(EngineHarness.object("{\"paymentId\": \"PAY-7\", \"bookingId\": \"BK-1\"}"));

        // when
        h.complete(wf, "charge__compensation", "{}");

        // then: the seat is released, with the reservation's input and output
        EngineHarness.Command release = h.commands(wf).get(4);
        assertThat(release.taskType()).isEqualTo("release_seat");
        assertThat((JsonNode) release.input())
                .isEqualTo(EngineHarness.object("{\"input\": {}, \"output\": {\"seat\": \"12A\"}}"));

        // when
        h.complete(wf, "reserve__compensation", "{}");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("ticket printer on fire")
                .hasEventTypesEndingWith(
                        TASK_FAILED,
                        COMPENSATION_STARTED,
                        TASK_SCHEDULED,
                        TASK_COMPLETED,
                        TASK_SCHEDULED,
                        TASK_COMPLETED,
                        COMPENSATION_COMPLETED,
                        WORKFLOW_FAILED)
                .hasGaplessSeq();
        assertThat(h.effects(wf))
                .filteredOn(Effect.StartWorkflow.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((Effect.StartWorkflow) e).name()).isEqualTo("booking_failed"));
    }

    @Test
    void aCompensationIsRetriedLikeAnyTaskAndItsFailureIsRecorded() {
        // given
        String wf = h.start("booking", "{}");
        h.complete(wf, "reserve", "{}");
        h.complete(wf, "charge", "{\"paymentId\": \"PAY-8\"}");
        h.failTerminal(wf, "ticket", "no ticket");

        // when: the refund fails, is retried once (retryCount 1, no delay), and fails again
        h.fail(wf, "charge__compensation", "bank down");
        h.fail(wf, "charge__compensation", "bank still down");

        // then: the workflow fails, saying which compensation failed; the seat is not released
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("compensation charge__compensation failed: bank still down")
                .hasTaskStatuses("charge__compensation", TaskStatus.FAILED, TaskStatus.FAILED)
                .hasEventTypesEndingWith(COMPENSATION_FAILED, WORKFLOW_FAILED);
        assertThat(h.commands(wf)).extracting(EngineHarness.Command::taskRef).doesNotContain("reserve__compensation");
    }

    @Test
    void nothingToUndoFailsAtOnce() {
        String wf = h.start("booking", "{}");
        h.failTerminal(wf, "reserve", "sold out");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasEventTypesEndingWith(TASK_FAILED, WORKFLOW_FAILED);
    }

    @Test
    void anUncertainStepAskingForItIsUndoneEvenWhenItFailed() {
        // given: a payment whose failure may still have charged
        EngineHarness u = new EngineHarness();
        u.registerWorkflow("""
                {"name": "uncertain", "version": 1, "tasks": [
                  {"name": "reserve_seat", "taskReferenceName": "reserve", "compensation": "release_seat"},
                  {"name": "charge_payment", "taskReferenceName": "charge", "retryCount": 0,
                   "compensation": {"name": "refund_payment", "whenFailed": true,
                                    "inputParameters": {"bookingId": "${workflow.input.bookingId}"}}}]}""");
        String wf = u.start("uncertain", "{\"bookingId\": \"BK-9\"}");
        u.complete(wf, "reserve", "{}");

        // when
        u.fail(wf, "charge", "gateway timeout");

        // then: the payment is refunded, then the seat released
        assertThat(u.commands(wf))
                .extracting(EngineHarness.Command::taskRef)
                .containsExactly("reserve", "charge", "charge__compensation");
        u.complete(wf, "charge__compensation", "{}");
        assertThat(u.commands(wf))
                .extracting(EngineHarness.Command::taskRef)
                .last()
                .isEqualTo("reserve__compensation");
        u.complete(wf, "reserve__compensation", "{}");
        u.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("gateway timeout")
                .hasEventTypesEndingWith(COMPENSATION_COMPLETED, WORKFLOW_FAILED);
    }
}
