package dev.baton.engine;

import static dev.baton.engine.effect.EventType.EVENT_BUFFERED;
import static dev.baton.engine.effect.EventType.EVENT_RECEIVED;
import static dev.baton.engine.effect.EventType.REPLY_IGNORED;
import static dev.baton.engine.effect.EventType.SLA_BREACHED;
import static dev.baton.engine.effect.EventType.TASK_COMPLETED;
import static dev.baton.engine.effect.EventType.TASK_FAILED;
import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.WORKFLOW_COMPLETED;
import static dev.baton.engine.effect.EventType.WORKFLOW_FAILED;
import static dev.baton.engine.effect.EventType.WORKFLOW_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.EventSource;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge in the engine: observed steps, events accepted as replies, early and duplicate events, SLAs. */
class BridgeTest {
    private EngineHarness h;
    private long offset;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask("{\"name\": \"charge_payment\", \"retryCount\": 3}");
        h.registerWorkflow("""
                {"name": "booking_flow", "version": 1,
                 "eventSources": [{"name": "requested", "topic": "booking.events", "correlationKey": "$.bookingId",
                                   "condition": "$.type == 'BookingRequested'", "action": "start_workflow"}],
                 "tasks": [
                  {"name": "reserve_seat", "taskReferenceName": "reserve_seat", "mode": "observe",
                   "completeOn": {"topic": "seat.events", "correlationKey": "$.bookingId", "condition": "$.type == 'SeatReserved'"},
                   "expectedDurationSeconds": 5},
                  {"name": "charge_payment", "taskReferenceName": "charge_payment", "mode": "%s",
                   "completeOn": {"topic": "payment.events", "correlationKey": "$.bookingId", "condition": "$.type == 'PaymentCharged'"},
                   "failOn": {"topic": "payment.events", "correlationKey": "$.bookingId", "condition": "$.type == 'PaymentDeclined'"}},
                  {"name": "issue_ticket", "taskReferenceName": "issue_ticket", "mode": "observe",
                   "completeOn": {"topic": "ticket.events", "correlationKey": "$.bookingId"}}]}""".formatted("observe"));
    }

    private EngineInput.DomainEvent event(String ref, ReplyStatus status, String payload) {
        return new EngineInput.DomainEvent(
                "t-0-" + (offset++), ref + "-source", ref, status, EngineHarness.object(payload), null);
    }

    @Test
    void anObservedFlowSendsNothingAndFollowsTheEvents() {
        // given
        String wf = h.start("booking_flow", "{\"bookingId\": \"BK-1\"}", "BK-1");
        h.assertThat(wf).hasDispatchedCount(0).hasTaskStatuses("reserve_seat", TaskStatus.SCHEDULED);

        // when
        h.advance(Duration.ofSeconds(2));
        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{\"seat\": \"12A\"}"));
        h.apply(wf, event("charge_payment", ReplyStatus.COMPLETED, "{\"amount\": 120}"));
        h.apply(wf, event("issue_ticket", ReplyStatus.COMPLETED, "{\"ticket\": \"T-9\"}"));

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasDispatchedCount(0)
                .hasGaplessSeq()
                .hasEventTypes(
                        WORKFLOW_STARTED,
                        TASK_SCHEDULED,
                        EVENT_RECEIVED,
                        TASK_COMPLETED,
                        TASK_SCHEDULED,
                        EVENT_RECEIVED,
                        TASK_COMPLETED,
                        TASK_SCHEDULED,
                        EVENT_RECEIVED,
                        TASK_COMPLETED,
                        WORKFLOW_COMPLETED);
        assertThat(h.current(wf, "reserve_seat").outputData.path("seat").asText())
                .isEqualTo("12A");
        assertThat(h.current(wf, "reserve_seat").endTime - h.current(wf, "reserve_seat").scheduledTime)
                .isEqualTo(2000);
    }

    @Test
    void anEventThatOvertakesItsStepWaitsInTheInstanceUntilTheStepIsReached() {
        String wf = h.start("booking_flow", "{}", "BK-2");

        h.apply(wf, event("charge_payment", ReplyStatus.COMPLETED, "{\"amount\": 80}"));
        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasEventTypesEndingWith(EVENT_BUFFERED);
        assertThat(h.instance(wf).pendingEvents).hasSize(1);

        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{}"));

        h.assertThat(wf)
                .hasTaskStatuses("charge_payment", TaskStatus.COMPLETED)
                .hasTaskStatuses("issue_ticket", TaskStatus.SCHEDULED);
        assertThat(h.current(wf, "charge_payment").outputData.path("amount").asInt())
                .isEqualTo(80);
        assertThat(h.instance(wf).pendingEvents).isNull();
    }

    @Test
    void aDuplicateEventIsRecordedAndChangesNothing() {
        String wf = h.start("booking_flow", "{}", "BK-3");
        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{\"seat\": \"1A\"}"));
        long tasks = h.instance(wf).tasks.size();

        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{\"seat\": \"99Z\"}"));

        h.assertThat(wf).hasEventTypesEndingWith(REPLY_IGNORED).hasTaskCount((int) tasks);
        assertThat(h.current(wf, "reserve_seat").outputData.path("seat").asText())
                .isEqualTo("1A");
    }

    @Test
    void aFailEventFailsTheObservedStepWithoutARetryAndTheWorkflowFails() {
        String wf = h.start("booking_flow", "{}", "BK-4");
        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{}"));
        h.apply(wf, event("charge_payment", ReplyStatus.FAILED, "{\"type\": \"PaymentDeclined\"}"));
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasEventTypesEndingWith(TASK_FAILED, WORKFLOW_FAILED)
                .hasTaskStatuses("charge_payment", TaskStatus.FAILED);
    }

    @Test
    void aStepRunningPastItsSlaIsReportedWithoutTouchingTheFlow() {
        String wf = h.start("booking_flow", "{}", "BK-5");

        h.fireDueTimers(Duration.ofSeconds(6));

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasEventTypesEndingWith(SLA_BREACHED)
                .hasTaskStatuses("reserve_seat", TaskStatus.SCHEDULED);
        Effect.HistoryEvent breach = h.events(wf).get(h.events(wf).size() - 1);
        assertThat(breach.taskRef()).isEqualTo("reserve_seat");
        assertThat(breach.payload().path("elapsedMillis").asLong()).isEqualTo(6000);

        // the step still ends normally afterwards
        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{}"));
        h.assertThat(wf).hasTaskStatuses("reserve_seat", TaskStatus.COMPLETED);
    }

    @Test
    void aStepEndingWithinItsSlaCancelsTheSlaTimer() {
        String wf = h.start("booking_flow", "{}", "BK-6");
        h.apply(wf, event("reserve_seat", ReplyStatus.COMPLETED, "{}"));
        h.fireDueTimers(Duration.ofSeconds(60));
        assertThat(h.events(wf)).extracting(Effect.HistoryEvent::type).doesNotContain(SLA_BREACHED);
    }

    @Test
    void inCommandModeTheCommandIsSentAndTheServicesEventIsAcceptedAsItsReply() {
        EngineHarness c = new EngineHarness();
        c.registerTask("{\"name\": \"charge_payment\", \"retryCount\": 0}");
        c.registerWorkflow("""
                {"name": "booking_flow", "version": 1, "tasks": [
                  {"name": "charge_payment", "taskReferenceName": "charge_payment", "mode": "command",
                   "completeOn": {"topic": "payment.events", "correlationKey": "$.bookingId"}}]}""");
        String wf = c.start("booking_flow", "{}", "BK-7");
        c.assertThat(wf).hasDispatchedRefs("charge_payment");

        c.apply(
                wf,
                new EngineInput.DomainEvent(
                        "p-0-1",
                        "payment.events",
                        "charge_payment",
                        ReplyStatus.COMPLETED,
                        EngineHarness.object("{\"paid\": true}"),
                        null));
        c.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);

        // the service's own reply, arriving after its event, is a duplicate
        c.complete(wf, "charge_payment", "{}");
        c.assertThat(wf).hasEventTypesEndingWith(REPLY_IGNORED).hasStatus(WorkflowStatus.COMPLETED);
    }

    @Test
    void theDefinitionListsEveryEventBindingIncludingTheTasksOwn() {
        WorkflowDef def = h.definitions().workflow("booking_flow", null).orElseThrow();
        assertThat(def.hasEventBindings()).isTrue();
        assertThat(dev.baton.dsl.DefinitionParser.workflow("""
                {"name": "plain", "tasks": [{"name": "a", "taskReferenceName": "a"}]}""").hasEventBindings())
                .isFalse();
        assertThat(dev.baton.dsl.DefinitionParser.toJson(def)).doesNotContain("\"observed\"");
        assertThat(def.allEventSources())
                .extracting(EventSource::name, EventSource::actionType, EventSource::taskRef)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("requested", EventSource.Action.START_WORKFLOW, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "reserve_seat.completeOn", EventSource.Action.COMPLETE_TASK, "reserve_seat"),
                        org.assertj.core.groups.Tuple.tuple(
                                "charge_payment.completeOn", EventSource.Action.COMPLETE_TASK, "charge_payment"),
                        org.assertj.core.groups.Tuple.tuple(
                                "charge_payment.failOn", EventSource.Action.FAIL_TASK, "charge_payment"),
                        org.assertj.core.groups.Tuple.tuple(
                                "issue_ticket.completeOn", EventSource.Action.COMPLETE_TASK, "issue_ticket"));
    }
}
