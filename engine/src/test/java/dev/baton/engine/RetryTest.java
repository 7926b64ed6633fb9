package dev.baton.engine;

import static dev.baton.engine.effect.EventType.TASK_COMPLETED;
import static dev.baton.engine.effect.EventType.TASK_FAILED;
import static dev.baton.engine.effect.EventType.TASK_RETRY_SCHEDULED;
import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.WORKFLOW_COMPLETED;
import static dev.baton.engine.effect.EventType.WORKFLOW_FAILED;
import static dev.baton.engine.effect.EventType.WORKFLOW_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.EngineHarness.Command;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed attempts: retry policies, exhausted retries, terminal errors and optional tasks. */
class RetryTest {
    private final EngineHarness h = new EngineHarness();

    private String startLinear(String taskDef, String... taskNames) {
        if (taskDef != null) {
            h.registerTask(taskDef);
        }
        h.registerWorkflow(Defs.linear("retry_wf", taskNames));
        return h.start("retry_wf", "{\"k\": \"v\"}");
    }

    /** Fails the current attempt of t1 and returns the retry delay the engine armed, in millis (0: sent at once). */
    private long failAndMeasureDelay(String wf) {
        long failedAt = h.now();
        int dispatchedBefore = h.commands(wf).size();
        h.fail(wf, "t1", "boom");
        List<Effect.SetTimer> timers = h.lastEffects().stream()
                .filter(Effect.SetTimer.class::isInstance)
                .map(Effect.SetTimer.class::cast)
                .toList();
        if (timers.isEmpty()) {
            assertThat(h.commands(wf)).hasSize(dispatchedBefore + 1);
            return 0;
        }
        assertThat(timers).hasSize(1);
        long delay = timers.get(0).dueAt() - failedAt;
        h.fireDueTimers(Duration.ofMillis(delay));
        assertThat(h.commands(wf)).as("retry dispatched when its timer fires").hasSize(dispatchedBefore + 1);
        return delay;
    }

    @Test
    void fixedDelaySetsATimerAndDispatchesWhenItFires() {
        // given
        String wf = startLinear(Defs.taskDef("task_a", 2, "FIXED", 10), "task_a", "task_b");
        Command first = h.commands(wf).get(0);

        // when
        h.fail(wf, "t1", "service unavailable");

        // then: the next attempt exists but waits for a timer
        TaskState next = h.current(wf, "t1");
        assertThat(next.retryCount).isEqualTo(1);
        assertThat(next.taskId).isNotEqualTo(first.taskId());
        assertThat(next.awaitingDispatch).isTrue();
        assertThat(h.timersSet(wf))
                .containsExactly(new Effect.SetTimer("retry/" + next.taskId, EngineHarness.T0 + 10_000));
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.SCHEDULED)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_FAILED, TASK_RETRY_SCHEDULED)
                .hasDispatchedCount(1)
                .hasPendingTimerDueAt(EngineHarness.T0 + 10_000);
        Effect.HistoryEvent failed = h.events(wf).get(2);
        assertThat(failed.taskId()).isEqualTo(first.taskId());
        assertThat(failed.reason()).isEqualTo("service unavailable");
        Effect.HistoryEvent retry = h.events(wf).get(3);
        assertThat(retry.taskId()).isEqualTo(next.taskId);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.payload().get("retryOf").asText()).isEqualTo(first.taskId());
        assertThat(retry.payload().get("delayMillis").asLong()).isEqualTo(10_000);

        // when: not yet due
        assertThat(h.fireDueTimers(Duration.ofMillis(9_999))).isZero();

        // then
        h.assertThat(wf).hasDispatchedCount(1);

        // when: due
        assertThat(h.fireDueTimers(Duration.ofMillis(1))).isEqualTo(1);

        // then: attempt 1 goes out with the same input
        Command second = h.commands(wf).get(1);
        assertThat(second.taskId()).isEqualTo(next.taskId);
        assertThat(second.taskRef()).isEqualTo("t1");
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(second.topic()).isEqualTo(first.topic());
        assertThat((JsonNode) second.input()).isEqualTo(first.input());
        assertThat(h.current(wf, "t1").awaitingDispatch).isFalse();
        h.assertThat(wf).hasNoPendingTimers();

        // when: the retry succeeds
        h.complete(wf, "t1", "{}");

        // then
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.COMPLETED)
                .hasDispatchedRefs("t1", "t1", "t2")
                .hasGaplessSeq();
        assertThat(h.instance(wf).tasks.get(0).retried).isTrue();
        assertThat(h.instance(wf).tasks.get(1).retried).isFalse();
    }

    @Test
    void zeroRetryDelayDispatchesAtOnce() {
        // given
        String wf = startLinear(Defs.taskDef("task_a", 1, "FIXED", 0), "task_a");

        // when
        h.fail(wf, "t1", "flaky");

        // then
        assertThat(h.timersSet(wf)).isEmpty();
        assertThat(h.lastEffects()).last().isInstanceOf(Effect.DispatchTask.class);
        h.assertThat(wf)
                .hasDispatchedRefs("t1", "t1")
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_FAILED, TASK_RETRY_SCHEDULED);
        assertThat(h.commands(wf).get(1).attempt()).isEqualTo(1);
        assertThat(h.current(wf, "t1").awaitingDispatch).isFalse();

        // when
        h.complete(wf, "t1", "{\"ok\": true}");

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{\"ok\": true}");
    }

    @Test
    void exponentialBackoffDoublesTheDelay() {
        String wf = startLinear(Defs.taskDef("task_a", 4, "EXPONENTIAL_BACKOFF", 2), "task_a");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            delays.add(failAndMeasureDelay(wf));
        }
        assertThat(delays).containsExactly(2_000L, 4_000L, 8_000L, 16_000L);
    }

    @Test
    void linearBackoffGrowsByTheScaleFactor() {
        String wf = startLinear("""
                {"name": "task_a", "retryCount": 3, "retryLogic": "LINEAR_BACKOFF", "retryDelaySeconds": 3,
                 "backoffScaleFactor": 2}""", "task_a");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delays.add(failAndMeasureDelay(wf));
        }
        assertThat(delays).containsExactly(6_000L, 12_000L, 18_000L);
    }

    @Test
    void maxRetryDelayCapsTheBackoff() {
        String wf = startLinear("""
                {"name": "task_a", "retryCount": 4, "retryLogic": "EXPONENTIAL_BACKOFF", "retryDelaySeconds": 10,
                 "maxRetryDelaySeconds": 25}""", "task_a");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            delays.add(failAndMeasureDelay(wf));
        }
        assertThat(delays).containsExactly(10_000L, 20_000L, 25_000L, 25_000L);
    }

    @Test
    void aTaskWithoutDefinitionGetsConductorDefaults() {
        // given: no task definition registered: 3 retries, FIXED, 60 s
        String wf = startLinear(null, "unregistered");

        // when / then
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delays.add(failAndMeasureDelay(wf));
        }
        assertThat(delays).containsExactly(60_000L, 60_000L, 60_000L);
        h.fail(wf, "t1", "fourth failure");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
    }

    @Test
    void exhaustedRetriesFailTheWorkflowWithTheReason() {
        // given
        String wf = startLinear(Defs.taskDef("task_a", 2, "FIXED", 0), "task_a", "task_b");
        h.fail(wf, "t1", "first");
        h.fail(wf, "t1", "second");

        // when
        h.fail(wf, "t1", "card declined");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("card declined")
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.FAILED, TaskStatus.FAILED)
                .hasDispatchedRefs("t1", "t1", "t1")
                .hasEventTypes(
                        WORKFLOW_STARTED,
                        TASK_SCHEDULED,
                        TASK_FAILED,
                        TASK_RETRY_SCHEDULED,
                        TASK_FAILED,
                        TASK_RETRY_SCHEDULED,
                        TASK_FAILED,
                        WORKFLOW_FAILED)
                .hasGaplessSeq()
                .hasNoPendingTimers();
        assertThat(h.instance(wf).tasks).extracting(t -> t.retryCount).containsExactly(0, 1, 2);
        assertThat(h.instance(wf).endTime).isEqualTo(h.now());
        Effect.HistoryEvent last = h.events(wf).get(h.events(wf).size() - 1);
        assertThat(last.status()).isEqualTo("FAILED");
        assertThat(last.reason()).contains("card declined");
    }

    @Test
    void retryCountZeroFailsAtOnce() {
        String wf = startLinear(Defs.taskDef("task_a", 0, "FIXED", 5), "task_a");

        h.fail(wf, "t1", "no retries");

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("no retries")
                .hasEventTypesEndingWith(TASK_FAILED, WORKFLOW_FAILED)
                .hasNoPendingTimers();
    }

    @Test
    void terminalErrorIsNotRetried() {
        // given
        String wf = startLinear(Defs.taskDef("task_a", 3, "FIXED", 0), "task_a", "task_b");

        // when
        h.failTerminal(wf, "t1", "invalid card number");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("invalid card number")
                .hasTaskStatuses("t1", TaskStatus.FAILED_WITH_TERMINAL_ERROR)
                .hasDispatchedRefs("t1")
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_FAILED, WORKFLOW_FAILED);
    }

    @Test
    void optionalTaskFailureCompletesWithErrorsAndTheWorkflowContinues() {
        // given
        h.registerTask(Defs.taskDef("task_optional", 0, "FIXED", 0));
        h.registerWorkflow("""
                {"name": "opt_wf", "tasks": [
                  {"name": "task_optional", "taskReferenceName": "t1", "optional": true},
                  {"name": "task_b", "taskReferenceName": "t2",
                   "inputParameters": {"prev": "${t1.status}", "why": "${t1.reasonForIncompletion}"}}]}
                """);
        String wf = h.start("opt_wf", "{}");

        // when
        h.fail(wf, "t1", "not important");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("t1", TaskStatus.COMPLETED_WITH_ERRORS)
                .hasDispatchedRefs("t1", "t2")
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_FAILED, TASK_COMPLETED, TASK_SCHEDULED);
        assertThat((JsonNode) h.commands(wf).get(1).input())
                .isEqualTo(EngineHarness.object("{\"prev\": \"COMPLETED_WITH_ERRORS\", \"why\": \"not important\"}"));

        // when
        h.complete(wf, "t2", "{\"done\": 1}");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasEventTypesEndingWith(TASK_COMPLETED, WORKFLOW_COMPLETED);
    }

    @Test
    void optionalTaskIsRetriedBeforeItCompletesWithErrors() {
        // given: Conductor's optional-task workflow; task_optional may retry once
        h.registerTask(Defs.taskDef("task_optional", 1, "FIXED", 0));
        h.registerWorkflow(Conformance.workflow("simple_workflow_with_optional_task_integration_test.json"));
        String wf = h.start("optional_task_wf", "{\"param1\": \"a\", \"param2\": \"b\"}");

        // when
        h.fail(wf, "t1", "first");

        // then
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.SCHEDULED)
                .hasDispatchedRefs("t1", "t1");

        // when
        h.fail(wf, "t1", "second");

        // then
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.COMPLETED_WITH_ERRORS)
                .hasDispatchedRefs("t1", "t1", "t2");
        h.complete(wf, "t2", "{\"uuid\": \"u\"}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{\"o1\": \"a\", \"o2\": \"u\", \"o3\": null}");
    }

    @Test
    void optionalTaskWithTerminalErrorCompletesWithErrors() {
        h.registerTask(Defs.taskDef("task_optional", 3, "FIXED", 0));
        h.registerWorkflow("""
                {"name": "opt_term", "tasks": [
                  {"name": "task_optional", "taskReferenceName": "t1", "optional": true},
                  {"name": "task_b", "taskReferenceName": "t2"}]}
                """);
        String wf = h.start("opt_term", "{}");

        h.failTerminal(wf, "t1", "never works");

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("t1", TaskStatus.COMPLETED_WITH_ERRORS)
                .hasDispatchedRefs("t1", "t2");
    }

    /**
     * Conductor evaluates a retried task's inputs again, so each attempt's {@code ${CPEWF_TASK_ID}}
     * is its own task id (see the conformance README, "Expressions").
     */
    @Test
    void eachAttemptSeesItsOwnTaskId() {
        // given
        h.registerTask(Defs.taskDef("task_a", 1, "FIXED", 0));
        h.registerWorkflow("""
                {"name": "own_id", "tasks": [{"name": "task_a", "taskReferenceName": "t1",
                  "inputParameters": {"me": "${CPEWF_TASK_ID}"}}]}
                """);
        String wf = h.start("own_id", "{}");

        // when
        h.fail(wf, "t1", "again");

        // then
        Command retry = h.commands(wf).get(1);
        assertThat(retry.input().get("me").asText()).isEqualTo(retry.taskId());
    }

    /** An inline taskDefinition is the task's definition for scheduling; it must also govern retries. */
    @Test
    void inlineTaskDefinitionGovernsRetries() {
        // given: no retries inline; the registered/default definition would retry after 60 s
        h.registerWorkflow("""
                {"name": "inline_retry", "tasks": [{"name": "task_a", "taskReferenceName": "t1",
                  "taskDefinition": {"name": "task_a", "retryCount": 0}}]}
                """);
        String wf = h.start("inline_retry", "{}");

        // when
        h.fail(wf, "t1", "boom");

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasNoPendingTimers();
    }

    /** Conductor: a WorkflowTask's retryCount overrides the task definition's (DeciderService.retry). */
    @Test
    void workflowTaskRetryCountOverridesTheTaskDefinition() {
        // given
        h.registerTask(Defs.taskDef("task_a", 3, "FIXED", 0));
        h.registerWorkflow("""
                {"name": "override_retry", "tasks": [{"name": "task_a", "taskReferenceName": "t1", "retryCount": 0}]}
                """);
        String wf = h.start("override_retry", "{}");

        // when
        h.fail(wf, "t1", "boom");

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasDispatchedRefs("t1");
    }
}
