package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** A workflow started by a task or as a failure workflow that has no definition: Conductor 3.32.1's outcome. */
class MissingWorkflowTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void aStartWorkflowTaskOfAnUnknownWorkflowFails() {
        h.registerWorkflow("""
                {"name": "starter", "version": 1, "tasks": [
                  {"name": "s", "taskReferenceName": "s", "type": "START_WORKFLOW",
                   "inputParameters": {"startWorkflow": {"name": "nosuch"}}}]}""");

        String wf = h.start("starter", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskStatuses("s", TaskStatus.FAILED);
        assertThat(h.current(wf, "s").reasonForIncompletion)
                .isEqualTo("No such workflow defined. name=nosuch, version=null");
        assertThat(h.effects(wf)).noneMatch(Effect.StartWorkflow.class::isInstance);
    }

    @Test
    void aStartWorkflowTaskWithoutItsRequestFailsInConductorsWords() {
        h.registerWorkflow("""
                {"name": "starter2", "version": 1, "tasks": [
                  {"name": "s", "taskReferenceName": "s", "type": "START_WORKFLOW"}]}""");

        String wf = h.start("starter2", "{}");

        assertThat(h.current(wf, "s").reasonForIncompletion).isEqualTo("Missing 'startWorkflow' in input data.");
    }

    @Test
    void anUnknownFailureWorkflowIsNamedInTheOutput() {
        h.registerWorkflow("""
                {"name": "failing", "version": 1, "failureWorkflow": "nosuch_fw", "tasks": [
                  {"name": "t", "taskReferenceName": "t", "type": "TERMINATE",
                   "inputParameters": {"terminationStatus": "FAILED"}}]}""");

        String wf = h.start("failing", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        assertThat(h.instance(wf).output.get("conductor.failure_workflow").asText())
                .isEqualTo("Error workflow nosuch_fw failed to start.  reason: No such workflow defined."
                        + " name=nosuch_fw, version=null");
        assertThat(h.effects(wf)).noneMatch(Effect.StartWorkflow.class::isInstance);
    }

    @Test
    void aWorkflowThatFailsBeforeItHasATaskKeepsAnEmptyOutput() {
        h.registerWorkflow("""
                {"name": "nofork", "version": 1, "outputParameters": {"o": "${workflow.input.x}"}, "tasks": [
                  {"name": "fj", "taskReferenceName": "fj", "type": "FORK_JOIN_DYNAMIC",
                   "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs"},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN"}]}""");

        String wf = h.start("nofork", "{\"x\": 1}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        assertThat(h.instance(wf).tasks).isEmpty();
        assertThat(h.instance(wf).output == null || h.instance(wf).output.isEmpty())
                .isTrue();
    }
}
