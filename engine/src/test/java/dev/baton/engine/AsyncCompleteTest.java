package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/**
 * Conductor's {@code asyncComplete} (checked against Conductor 3.32.1): an HTTP task whose call succeeded stays
 * IN_PROGRESS with the response until an update ends it; HTTP and EVENT tasks show the flag (and an EVENT its sink)
 * in their input.
 */
class AsyncCompleteTest {
    private final EngineHarness h = new EngineHarness();

    private String start(boolean async) {
        h.registerWorkflow("""
                {"name": "call", "version": 1, "tasks": [
                  {"name": "h", "taskReferenceName": "h", "type": "HTTP", "asyncComplete": %s,
                   "inputParameters": {"http_request": {"uri": "http://127.0.0.1:9/x", "method": "GET"},
                                       "asyncComplete": "${workflow.input.ignored}"}},
                  {"name": "after", "taskReferenceName": "after"}],
                 "outputParameters": {"r": "${h.output}"}}""".formatted(async));
        return h.start("call", "{\"ignored\": true}");
    }

    @Test
    void anHttpTaskShowsTheFlagOfItsDefinitionEntryInItsInput() {
        String wf = start(false);

        assertThat(h.current(wf, "h").inputData.get("asyncComplete").isBoolean())
                .isTrue();
        assertThat(h.current(wf, "h").inputData.get("asyncComplete").asBoolean())
                .isFalse();
        assertThat(h.commands(wf).get(0).input().get("asyncComplete").asBoolean())
                .isFalse();
        h.complete(wf, "h", "{\"response\": {\"statusCode\": 200}}");
        h.assertThat(wf).hasTaskStatuses("h", TaskStatus.COMPLETED).hasDispatchedRefs("h", "after");
    }

    @Test
    void theCallsSuccessLeavesTheTaskInProgressUntilAnUpdateByIdEndsIt() {
        String wf = start(true);
        assertThat(h.current(wf, "h").inputData.get("asyncComplete").asBoolean())
                .isTrue();

        h.complete(wf, "h", "{\"response\": {\"statusCode\": 200}}");

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("h", TaskStatus.IN_PROGRESS)
                .hasDispatchedRefs("h");
        assertThat(h.current(wf, "h").outputData.at("/response/statusCode").asInt())
                .isEqualTo(200);

        h.inProgress(wf, "h");
        h.assertThat(wf).hasTaskStatuses("h", TaskStatus.IN_PROGRESS).hasDispatchedRefs("h");

        // as Conductor's update by id: the output given replaces the task's
        h.complete(wf, "h", "{\"done\": 1}");
        h.assertThat(wf).hasTaskStatuses("h", TaskStatus.COMPLETED).hasDispatchedRefs("h", "after");
        assertThat(h.current(wf, "h").outputData).isEqualTo(EngineHarness.object("{\"done\": 1}"));
    }

    @Test
    void anUpdateByReferenceEndsTheWaitingTaskAddingItsOutputAndAFailureFailsTheWorkflow() {
        String wf = start(true);
        h.complete(wf, "h", "{\"response\": {\"statusCode\": 200}}");

        h.apply(wf, new EngineInput.Signal("h", ReplyStatus.FAILED, EngineHarness.object("{\"why\": \"no\"}"), null));

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskStatuses("h", TaskStatus.FAILED);
        assertThat(h.current(wf, "h").outputData)
                .isEqualTo(EngineHarness.object("{\"response\": {\"statusCode\": 200}, \"why\": \"no\"}"));
    }

    @Test
    void aFailedCallFailsTheTaskAsWithoutTheFlag() {
        String wf = start(true);

        h.fail(wf, "h", "404");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskStatuses("h", TaskStatus.FAILED);
    }

    @Test
    void anEventTaskShowsItsResolvedSinkAndTheFlagInItsInputAndPayload() {
        h.registerWorkflow("""
                {"name": "emit", "version": 1, "tasks": [
                  {"name": "e", "taskReferenceName": "e", "type": "EVENT", "sink": "conductor:${workflow.input.q}",
                   "inputParameters": {"k": 1}}]}""");

        String wf = h.start("emit", "{\"q\": \"orders\"}");

        assertThat(h.current(wf, "e").inputData)
                .isEqualTo(
                        EngineHarness.object("{\"k\": 1, \"sink\": \"conductor:orders\", \"asyncComplete\": false}"));
        assertThat(h.current(wf, "e").outputData.get("event_produced").asText()).isEqualTo("conductor:emit:orders");
        assertThat(h.current(wf, "e").outputData.get("asyncComplete").asBoolean())
                .isFalse();
    }
}
