package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import org.junit.jupiter.api.Test;

/** What a failure workflow starts with: Conductor's fields of the failed workflow, not Baton's stored instance. */
class FailureWorkflowInputTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void theFailedWorkflowReadsAsConductorsWorkflow() {
        h.registerWorkflow("""
                {"name": "on_fail", "version": 1, "tasks": [{"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}""");
        h.registerTask("{\"name\": \"work\", \"retryCount\": 0}");
        h.registerWorkflow("""
                {"name": "failing", "version": 1, "failureWorkflow": "on_fail", "tasks": [
                  {"name": "work", "taskReferenceName": "w"}]}""");
        String wf = h.start("failing", "{\"k\": 1}");
        String taskId = h.current(wf, "w").taskId;

        h.fail(wf, "w", "broken");

        Effect.StartWorkflow start = h.effects(wf).stream()
                .filter(Effect.StartWorkflow.class::isInstance)
                .map(Effect.StartWorkflow.class::cast)
                .findFirst()
                .orElseThrow();
        JsonNode input = start.input();
        assertThat(input.get("failureTaskId").asText()).isEqualTo(taskId);
        JsonNode failed = input.get("failedWorkflow");
        assertThat(failed.get("workflowName").asText()).isEqualTo("failing");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failedReferenceTaskNames").toString()).isEqualTo("[\"w\"]");
        assertThat(failed.get("failedTaskNames").toString()).isEqualTo("[\"work\"]");
        assertThat(failed.get("failedTaskId").asText()).isEqualTo(taskId);
        assertThat(failed.get("tasks").get(0).get("taskType").asText()).isEqualTo("work");
        assertThat(failed.get("tasks").get(0).get("reasonForIncompletion").asText())
                .isEqualTo("broken");
        assertThat(failed.has("idCounter")).isFalse();
        assertThat(failed.has("timers")).isFalse();
    }
}
