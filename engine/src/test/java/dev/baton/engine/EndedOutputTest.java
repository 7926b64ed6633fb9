package dev.baton.engine;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/**
 * A workflow's output each time it ends, as Conductor's updateWorkflowOutput computes it (checked against Conductor
 * 3.32.1): a failure computes it from the tasks as they are then, and a failure after a retry or a rerun computes it
 * again instead of keeping the first run's; while the workflow runs again the old output stays.
 */
class EndedOutputTest {
    private final EngineHarness h = new EngineHarness();

    private String failedOnce() {
        h.registerTask("{\"name\": \"task_b\", \"retryCount\": 0}");
        h.registerWorkflow("""
                {"name": "out_wf", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE"},
                  {"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}],
                 "outputParameters": {"va": "${a.output.v}", "out": "${b.output.w}"}}""");
        String wf = h.start("out_wf", "{}");
        h.complete(wf, "a", "{\"v\": 10}");
        h.reply(wf, "b", EngineInput.ReplyStatus.FAILED, "{\"w\": 21}", "boom");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasOutput("{\"va\": 10, \"out\": 21}");
        return wf;
    }

    @Test
    void aFailureAfterARetryGivesTheOutputOfTheRunThatFailed() {
        String wf = failedOnce();

        h.apply(wf, new EngineInput.Retry(false));
        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasOutput("{\"va\": 10, \"out\": 21}");
        h.reply(wf, "b", EngineInput.ReplyStatus.FAILED, "{\"w\": 23}", "boom again");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasOutput("{\"va\": 10, \"out\": 23}");
    }

    @Test
    void aRerunThatFailsGivesItsOwnOutput() {
        String wf = failedOnce();

        h.apply(wf, new EngineInput.Rerun("b", null, null, null));
        h.reply(wf, "b", EngineInput.ReplyStatus.FAILED, "{\"w\": 30}", "still");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasOutput("{\"va\": 10, \"out\": 30}");
    }
}
