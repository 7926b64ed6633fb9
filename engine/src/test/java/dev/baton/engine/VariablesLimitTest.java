package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/**
 * The workflow variables limit, as Conductor's SET_VARIABLE applies it (checked against Conductor
 * 3.32.1): beyond it the task changes nothing and ends FAILED_WITH_TERMINAL_ERROR with Conductor's
 * wording; the workflow fails with the task's reason — unless the task is optional, then it
 * completes with errors and the workflow goes on.
 */
class VariablesLimitTest {
    private final EngineHarness h = new EngineHarness(new EngineSettings(2 * 1024));

    private String start(boolean optional) {
        h.registerWorkflow("""
                {"name": "vars_wf", "version": 1, "schemaVersion": 2, "variables": {"kept": 1}, "tasks": [
                  {"name": "set", "taskReferenceName": "set", "type": "SET_VARIABLE", "optional": %s,
                   "inputParameters": {"big": "${workflow.input.big}"}},
                  {"name": "task_a", "taskReferenceName": "after", "type": "SIMPLE"}],
                 "outputParameters": {"variables": "${workflow.variables}"}}""".formatted(optional));
        return h.start("vars_wf", "{\"big\": \"" + "01234567".repeat(257) + "\"}");
    }

    @Test
    void aSetVariableBeyondTheLimitFailsTheWorkflowAndChangesNoVariable() {
        String wf = start(false);

        TaskState set = h.current(wf, "set");
        String reason = "The variables payload size: 2075 of workflow: " + wf
                + " is greater than the permissible limit: 2 kilobytes";
        assertThat(set.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(set.reasonForIncompletion).isEqualTo(reason);
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasOutput("{\"variables\": {\"kept\": 1}}");
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + set.taskId + " failed with status: FAILED and reason: '" + reason + "'");
    }

    @Test
    void anOptionalSetVariableBeyondTheLimitCompletesWithErrorsAndTheWorkflowGoesOn() {
        String wf = start(true);

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("set", TaskStatus.COMPLETED_WITH_ERRORS)
                .hasDispatchedRefs("after");
        assertThat(h.current(wf, "set").reasonForIncompletion)
                .startsWith("The variables payload size: 2075 of workflow");
        assertThat(h.instance(wf).variables).isEqualTo(EngineHarness.object("{\"kept\": 1}"));
        h.complete(wf, "after", "{}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
    }
}
