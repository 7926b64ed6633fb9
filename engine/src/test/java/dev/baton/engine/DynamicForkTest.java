package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** FORK_JOIN_DYNAMIC as Conductor 3.32.1 runs it: both forms, the forked tasks' inputs, the FORK's input. */
class DynamicForkTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void theSimpleFormForksOneTaskPerInput() {
        h.registerWorkflow("""
                {"name": "simple", "version": 1, "tasks": [
                  {"name": "fj", "taskReferenceName": "fj", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskName": "work", "forkTaskInputs": "${workflow.input.items}"}},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN"}],
                 "outputParameters": {"joined": "${j.output}"}}""");

        String wf = h.start("simple", "{\"items\": [{\"k\": \"a\"}, 7]}");

        h.assertThat(wf).hasDispatchedRefs("_work_0", "_work_1");
        assertThat(h.current(wf, "_work_0").inputData)
                .isEqualTo(EngineHarness.object("{\"k\": \"a\", \"__index\": 0}"));
        assertThat(h.current(wf, "_work_1").inputData)
                .isEqualTo(EngineHarness.object("{\"input\": 7, \"__index\": 1}"));
        assertThat(h.current(wf, "_work_0").taskDefName).isEqualTo("work");
        assertThat(h.current(wf, "fj").inputData.get("forkedTasks").toString()).isEqualTo("[\"_work_0\",\"_work_1\"]");
        assertThat(h.current(wf, "j").inputData.get("joinOn").toString()).isEqualTo("[\"_work_0\",\"_work_1\"]");

        h.complete(wf, "_work_0", "{\"r\": 0}");
        h.complete(wf, "_work_1", "{\"r\": 1}");
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasOutput("{\"joined\": {\"_work_0\": {\"r\": 0}, \"_work_1\": {\"r\": 1}}}");
    }

    @Test
    void theSimpleFormWithASystemTypeOrASubWorkflow() {
        h.registerWorkflow("""
                {"name": "child", "version": 1, "tasks": [{"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}""");
        h.registerWorkflow("""
                {"name": "kinds", "version": 1, "tasks": [
                  {"name": "fj", "taskReferenceName": "fj", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskType": "INLINE",
                     "forkTaskInputs": [{"evaluatorType": "javascript", "expression": "$.v * 2", "v": 3}]}},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN"},
                  {"name": "fs", "taskReferenceName": "fs", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskWorkflow": "child", "forkTaskWorkflowVersion": "1",
                     "forkTaskInputs": [{"x": 1}]}},
                  {"name": "j2", "taskReferenceName": "j2", "type": "JOIN"}]}""");

        String wf = h.start("kinds", "{}");

        TaskState inline = h.current(wf, "_INLINE_0");
        assertThat(inline.outputData.get("result").asInt()).isEqualTo(6);
        // a dynamic fork after another: the fork's reference comes first
        TaskState sub = h.current(wf, "_fs_fs_0");
        assertThat(sub.taskType).isEqualTo("SUB_WORKFLOW");
        assertThat(sub.taskDefName).isEqualTo("child");
    }

    @Test
    void theClassicFormResolvesTheForkedTasksInputsOverTheirOwnParameters() {
        h.registerWorkflow("""
                {"name": "classic", "version": 1, "tasks": [
                  {"name": "fj", "taskReferenceName": "fj", "type": "FORK_JOIN_DYNAMIC",
                   "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs",
                   "inputParameters": {"tasks": "${workflow.input.tasks}", "inputs": "${workflow.input.inputs}"}},
                  {"name": "j", "taskReferenceName": "j", "type": "JOIN"}]}""");

        String wf = h.start("classic", """
                {"x": "X", "tasks": [{"name": "w", "taskReferenceName": "b0",
                   "inputParameters": {"own": "o", "shared": "task", "e": "${workflow.input.x}"}}],
                 "inputs": {"b0": {"shared": "map"}}}""");

        assertThat(h.current(wf, "b0").inputData)
                .isEqualTo(EngineHarness.object("{\"own\": \"o\", \"shared\": \"map\", \"e\": \"X\"}"));
    }

    @Test
    void aDynamicTaskNamingASystemTaskTypeRunsAsThatTask() {
        h.registerWorkflow("""
                {"name": "dyn", "version": 1, "tasks": [
                  {"name": "d", "taskReferenceName": "d", "type": "DYNAMIC", "dynamicTaskNameParam": "which",
                   "inputParameters": {"which": "INLINE", "evaluatorType": "javascript", "expression": "$.v * 2",
                                       "v": 3}}]}""");

        String wf = h.start("dyn", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasDispatchedCount(0);
        assertThat(h.current(wf, "d").outputData.get("result").asInt()).isEqualTo(6);
        assertThat(h.current(wf, "d").taskType).isEqualTo("INLINE");
    }
}
