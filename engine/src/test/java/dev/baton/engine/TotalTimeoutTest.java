package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * totalTimeoutSeconds of a task definition, as Conductor's decider enforces it: the time all
 * attempts take together, retry delays included, from the first attempt's scheduling.
 */
class TotalTimeoutTest {
    private final EngineHarness h = new EngineHarness();

    private String start(String policy, int retries, int delaySeconds, int totalSeconds) {
        h.registerTask("""
                {"name": "task_a", "retryCount": %d, "retryLogic": "FIXED", "retryDelaySeconds": %d,
                 "timeoutPolicy": "%s", "totalTimeoutSeconds": %d, "responseTimeoutSeconds": 3600}""".formatted(retries, delaySeconds, policy, totalSeconds));
        h.registerWorkflow(Defs.linear("total_wf", "task_a", "task_b"));
        return h.start("total_wf", "{}");
    }

    @Test
    void withRetryPolicyTheAttemptInHandTimesOutAndNoFurtherRetryIsMade() {
        String wf = start("RETRY", 3, 10, 25);
        h.advance(Duration.ofSeconds(1));
        h.fail(wf, "t1", "first");
        h.fireDueTimers(Duration.ofSeconds(10));
        h.advance(Duration.ofSeconds(1));
        h.fail(wf, "t1", "second");
        h.fireDueTimers(Duration.ofSeconds(10)); // the third attempt is sent at T0+22

        h.fireDueTimers(Duration.ofSeconds(3)); // T0+25: the budget is spent

        TaskState third = h.current(wf, "t1");
        assertThat(third.status).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(third.reasonForIncompletion)
                .isEqualTo("Task task_a/" + third.taskId
                        + " exceeded total timeout of 25 seconds (elapsed 25 seconds across all attempts including retry"
                        + " delays). Timeout policy: RETRY");
        h.assertThat(wf).hasStatus(WorkflowStatus.TIMED_OUT).hasTaskCount(3);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + third.taskId
                        + "/task_a exceeded total timeout of 25 seconds (elapsed 25 seconds across all attempts)."
                        + " No further retries will be attempted.");
    }

    @Test
    void withTimeOutWfPolicyTheTaskAndTheWorkflowTimeOut() {
        String wf = start("TIME_OUT_WF", 3, 0, 20);

        h.fireDueTimers(Duration.ofSeconds(20));

        TaskState t1 = h.current(wf, "t1");
        String reason = "Task task_a/" + t1.taskId + " exceeded total timeout of 20 seconds (elapsed 20 seconds"
                + " across all attempts including retry delays). Timeout policy: TIME_OUT_WF";
        assertThat(t1.status).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(t1.reasonForIncompletion).isEqualTo(reason);
        h.assertThat(wf).hasStatus(WorkflowStatus.TIMED_OUT);
        assertThat(h.instance(wf).reasonForIncompletion).isEqualTo(reason);
    }

    @Test
    void aRetryWaitingOutItsDelayWhenTheBudgetEndsIsNeverSent() {
        String wf = start("RETRY", 1, 30, 20);
        h.advance(Duration.ofSeconds(1));
        h.fail(wf, "t1", "first");
        String waiting = h.current(wf, "t1").taskId;

        h.fireDueTimers(Duration.ofSeconds(40));

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.TIMED_OUT)
                .hasDispatchedCount(1)
                .hasNoPendingTimers();
        assertThat(h.instance(wf).reasonForIncompletion)
                .startsWith("Task " + waiting + " failed with status: TIMED_OUT" + " and reason: 'Task task_a/"
                        + waiting + " exceeded total timeout of 20 seconds");
    }

    @Test
    void withAlertOnlyTheTaskRunsOnButAFailureAfterTheBudgetIsNotRetried() {
        String wf = start("ALERT_ONLY", 2, 0, 5);

        h.fireDueTimers(Duration.ofSeconds(5));

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasEventTypesEndingWith(EventType.TASK_TIMED_OUT);
        assertThat(h.current(wf, "t1").status).isEqualTo(TaskStatus.SCHEDULED);

        h.advance(Duration.ofSeconds(1));
        h.fail(wf, "t1", "too late");

        String t1 = h.current(wf, "t1").taskId;
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(1);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + t1 + "/task_a exceeded total timeout of 5"
                        + " seconds (elapsed 6 seconds across all attempts). No further retries will be attempted.");
    }

    @Test
    void aTaskDoneWithinItsBudgetLeavesNoTimerBehind() {
        String wf = start("TIME_OUT_WF", 3, 0, 60);
        assertThat(h.pendingTimers())
                .extracting(EngineHarness.PendingTimer::timerId)
                .contains("total-timeout/t1");

        h.fail(wf, "t1", "once");
        h.complete(wf, "t1", "{}");

        assertThat(h.pendingTimers())
                .extracting(EngineHarness.PendingTimer::timerId)
                .doesNotContain("total-timeout/t1");
        h.complete(wf, "t2", "{}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasNoPendingTimers();
    }

    @Test
    void aTimeoutLongerThanTheTotalIsRefused() {
        assertThatThrownBy(() -> h.registerTask("""
                {"name": "bad", "timeoutSeconds": 60, "totalTimeoutSeconds": 30}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining(
                        "TaskDef: bad timeoutSeconds: 60 must be less than or equal to totalTimeoutSeconds: 30");
    }
}
