package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SUB_WORKFLOW task's input as Conductor's mapper writes it (what the child is started with, and the task's input
 * under workflowInput); the child gets the task's input, the first time and when the task is scheduled again.
 */
class SubWorkflowInputTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask("{\"name\": \"leaf\", \"retryCount\": 0}");
        h.registerWorkflow("""
                {"name": "child", "version": 3, "tasks": [{"name": "leaf", "taskReferenceName": "leaf", "type": "SIMPLE"}]}""");
        h.registerWorkflow("""
                {"name": "parent", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW",
                   "inputParameters": {"x": "${workflow.input.x}"},
                   "subWorkflowParam": {"name": "child"}}]}""");
    }

    @Test
    void theTaskDescribesTheChildAndTheChildGetsTheTasksInput() {
        String wf = h.start("parent", "{\"x\": 7}");

        TaskState sub = h.current(wf, "sub");
        assertThat(sub.inputData.toString())
                .isEqualTo("{\"subWorkflowName\":\"child\",\"priority\":null,\"subWorkflowVersion\":3,"
                        + "\"subWorkflowTaskToDomain\":null,\"subWorkflowDefinition\":null,\"idempotencyKey\":null,"
                        + "\"idempotencyStrategy\":null,\"workflowInput\":{\"x\":7}}");
        assertThat(starts(wf)).hasSize(1);
        assertThat(starts(wf).get(0).input().toString()).isEqualTo("{\"x\":7}");
    }

    @Test
    void theChildsOutputIsAddedOverTheTasksOwnSoAGrandchildsIdWins() {
        EngineHarness routed = new EngineHarness().routeBetweenWorkflows();
        routed.registerTask("{\"name\": \"leaf\", \"retryCount\": 0}");
        routed.registerWorkflow("""
                {"name": "grandchild", "version": 1, "tasks": [{"name": "leaf", "taskReferenceName": "leaf", "type": "SIMPLE"}]}""");
        routed.registerWorkflow("""
                {"name": "middle", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "grandchild"}}]}""");
        routed.registerWorkflow("""
                {"name": "top", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "middle"}}]}""");
        String top = routed.start("top", "{}");
        String middle = routed.current(top, "sub").subWorkflowId;
        String grandchild = routed.current(middle, "sub").subWorkflowId;
        routed.complete(grandchild, "leaf", "{\"y\": 1}");

        routed.assertThat(top).hasStatus(dev.baton.engine.model.WorkflowStatus.COMPLETED);
        // as in Conductor: the middle workflow's output (its own task's, with the grandchild's id) goes over the top's
        assertThat(routed.current(top, "sub").outputData.get("subWorkflowId").asText())
                .isEqualTo(grandchild);
        assertThat(routed.current(top, "sub").subWorkflowId).isEqualTo(middle);
    }

    private List<Effect.StartWorkflow> starts(String wf) {
        return h.effects(wf).stream()
                .filter(Effect.StartWorkflow.class::isInstance)
                .map(Effect.StartWorkflow.class::cast)
                .toList();
    }
}
