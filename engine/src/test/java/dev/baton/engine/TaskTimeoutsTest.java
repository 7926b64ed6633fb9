package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Task timeouts as Conductor 3.32.1 applies them (observed through its API). */
class TaskTimeoutsTest {
    private final EngineHarness h = new EngineHarness();

    private String start(String taskDef) {
        h.registerTask(taskDef);
        h.registerWorkflow("""
                {"name": "to", "version": 1, "tasks": [{"name": "t", "taskReferenceName": "t"}]}""");
        return h.start("to", "{}");
    }

    private void poll(String wf) {
        h.apply(wf, new EngineInput.TaskPolled(h.current(wf, "t").taskId));
    }

    @Test
    void aTaskNobodyPollsTimesOutAfterItsPollTimeout() {
        String wf = start("""
                {"name": "t", "retryCount": 0, "pollTimeoutSeconds": 3, "timeoutPolicy": "TIME_OUT_WF"}""");

        h.fireDueTimers(Duration.ofSeconds(4));

        h.assertThat(wf).hasStatus(WorkflowStatus.TIMED_OUT).hasTaskStatuses("t", TaskStatus.TIMED_OUT);
        String reason = "Task poll timed out after 4 seconds. Poll timeout configured as 3 seconds. Timeout policy"
                + " configured to TIME_OUT_WF";
        assertThat(h.current(wf, "t").reasonForIncompletion).isEqualTo(reason);
        // as Conductor: the workflow's reason is the task's own
        assertThat(h.instance(wf).reasonForIncompletion).isEqualTo(reason);
    }

    @Test
    void aPolledTaskDoesNotPollTimeOutAndRetryIsTheRetryPolicy() {
        String polled = start("""
                {"name": "t", "retryCount": 1, "retryDelaySeconds": 0, "pollTimeoutSeconds": 3,
                 "timeoutPolicy": "RETRY"}""");
        poll(polled);
        h.fireDueTimers(Duration.ofSeconds(10));
        h.assertThat(polled).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("t", TaskStatus.IN_PROGRESS);
    }

    @Test
    void withEqualTimeoutsTheTaskTimeoutAndItsPolicyWin() {
        String wf = start("""
                {"name": "t", "retryCount": 1, "timeoutSeconds": 4, "responseTimeoutSeconds": 4,
                 "timeoutPolicy": "TIME_OUT_WF"}""");
        poll(wf);

        h.fireDueTimers(Duration.ofSeconds(5));

        h.assertThat(wf).hasStatus(WorkflowStatus.TIMED_OUT);
        assertThat(h.instance(wf).tasks).hasSize(1);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task timed out after 4 seconds. Timeout configured as 4 seconds. Timeout policy configured"
                        + " to TIME_OUT_WF");
    }

    @Test
    void aTaskBackInItsQueueAfterAnInProgressUpdateHasNoResponseTimeout() {
        String wf = start("""
                {"name": "t", "retryCount": 1, "timeoutSeconds": 100, "responseTimeoutSeconds": 3}""");
        poll(wf);
        h.inProgress(wf, "t");

        h.fireDueTimers(Duration.ofSeconds(10));

        TaskState t = h.current(wf, "t");
        assertThat(t.status).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(t.retryCount).isZero();

        // polled again, the response timeout runs once more
        poll(wf);
        h.fireDueTimers(Duration.ofSeconds(4));
        assertThat(h.instance(wf).tasks.get(0).reasonForIncompletion)
                .isEqualTo("responseTimeout: 3 exceeded for the taskId: " + t.taskId + " with Task Definition: t");
        assertThat(h.current(wf, "t").retryCount).isEqualTo(1);
    }
}
