package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** System tasks the Conductor corpus does not exercise: EXCLUSIVE_JOIN, HUMAN, DYNAMIC, NOOP, WAIT by time, KAFKA_PUBLISH, HTTP. */
class SystemTasksTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void exclusiveJoinEndsWithTheBranchThatRan() {
        h.registerWorkflow("""
                {"name": "ex", "version": 1, "tasks": [
                  {"name": "d", "taskReferenceName": "d", "type": "SWITCH", "expression": "route",
                   "inputParameters": {"route": "${workflow.input.route}"},
                   "decisionCases": {"a": [{"name": "task_a", "taskReferenceName": "a"}],
                                     "b": [{"name": "task_b", "taskReferenceName": "b"}]}},
                  {"name": "x", "taskReferenceName": "x", "type": "EXCLUSIVE_JOIN", "joinOn": ["a", "b"]},
                  {"name": "after", "taskReferenceName": "after", "inputParameters": {"from": "${x.output.picked}"}}]}""");
        String wf = h.start("ex", "{\"route\": \"b\"}");
        h.complete(wf, "b", "{\"picked\": \"b\"}");
        h.assertThat(wf).hasTaskStatuses("x", TaskStatus.COMPLETED).hasDispatchedRefs("b", "after");
        assertThat((JsonNode) h.commands(wf).get(1).input()).isEqualTo(EngineHarness.object("{\"from\": \"b\"}"));
    }

    @Test
    void humanWaitsForASignalWithItsOutput() {
        h.registerWorkflow("""
                {"name": "approve", "version": 1, "tasks": [
                  {"name": "ok", "taskReferenceName": "ok", "type": "HUMAN"}],
                 "outputParameters": {"by": "${ok.output.approvedBy}"}}""");
        String wf = h.start("approve", "{}");
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("ok", TaskStatus.IN_PROGRESS)
                .hasDispatchedCount(0);
        h.apply(
                wf,
                new EngineInput.Signal(
                        null, ReplyStatus.COMPLETED, EngineHarness.object("{\"approvedBy\": \"ana\"}"), null));
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{\"by\": \"ana\"}");
    }

    @Test
    void aSignalAddsItsOutputUnlessItReplacesIt() {
        h.registerWorkflow("""
                {"name": "approve3", "version": 1, "tasks": [
                  {"name": "ok", "taskReferenceName": "ok", "type": "HUMAN"},
                  {"name": "ok2", "taskReferenceName": "ok2", "type": "HUMAN"}]}""");
        String wf = h.start("approve3", "{}");
        h.apply(wf, new EngineInput.Signal("ok", ReplyStatus.IN_PROGRESS, EngineHarness.object("{\"p\": 1}"), null));

        // Conductor's update by task id: the output given replaces the task's
        h.apply(
                wf,
                new EngineInput.Signal(
                        "ok", ReplyStatus.COMPLETED, EngineHarness.object("{\"k\": \"v\"}"), null, true));
        assertThat(h.current(wf, "ok").outputData).isEqualTo(EngineHarness.object("{\"k\": \"v\"}"));

        // by reference: added to it
        h.apply(wf, new EngineInput.Signal("ok2", ReplyStatus.IN_PROGRESS, EngineHarness.object("{\"p\": 1}"), null));
        h.apply(wf, new EngineInput.Signal("ok2", ReplyStatus.COMPLETED, EngineHarness.object("{\"k\": \"v\"}"), null));
        assertThat(h.current(wf, "ok2").outputData).isEqualTo(EngineHarness.object("{\"p\": 1, \"k\": \"v\"}"));
    }

    @Test
    void aWorkerCannotAnswerForASystemTask() {
        h.registerWorkflow("""
                {"name": "approve2", "version": 1, "tasks": [{"name": "ok", "taskReferenceName": "ok", "type": "HUMAN"}]}""");
        String wf = h.start("approve2", "{}");
        String humanTask = h.current(wf, "ok").taskId;
        h.replyTo(wf, humanTask, 0, ReplyStatus.COMPLETED, "{}", null);
        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("ok", TaskStatus.IN_PROGRESS);
    }

    @Test
    void dynamicRunsTheTaskItsInputNames() {
        h.registerWorkflow("""
                {"name": "dyn", "version": 1, "tasks": [
                  {"name": "pick", "taskReferenceName": "pick", "type": "DYNAMIC", "dynamicTaskNameParam": "which",
                   "inputParameters": {"which": "${workflow.input.task}"}}]}""");
        String wf = h.start("dyn", "{\"task\": \"send_sms\"}");
        assertThat(h.commands(wf)).singleElement().satisfies(c -> {
            assertThat(c.topic()).isEqualTo("send_sms.commands");
            assertThat(c.taskType()).isEqualTo("send_sms");
        });
        h.complete(wf, "pick", "{}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
    }

    @Test
    void waitForADurationOrUntilATimeEndsWhenItsTimerFires() {
        h.registerWorkflow("""
                {"name": "pause", "version": 1, "tasks": [
                  {"name": "w1", "taskReferenceName": "w1", "type": "WAIT", "inputParameters": {"duration": "1m 30s"}},
                  {"name": "w2", "taskReferenceName": "w2", "type": "WAIT", "inputParameters": {"until": "2023-11-14 23:00 UTC"}},
                  {"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}""");
        String wf = h.start("pause", "{}");
        h.assertThat(wf).hasPendingTimerDueAt(EngineHarness.T0 + 90_000);
        h.fireDueTimers(Duration.ofSeconds(89));
        h.assertThat(wf).hasTaskStatuses("w1", TaskStatus.IN_PROGRESS);
        h.fireDueTimers(Duration.ofSeconds(1));
        h.assertThat(wf).hasTaskStatuses("w1", TaskStatus.COMPLETED).hasTaskStatuses("w2", TaskStatus.IN_PROGRESS);
        h.fireDueTimers(Duration.ofHours(2));
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("n", TaskStatus.COMPLETED);
    }

    @Test
    void kafkaPublishAndHttpLeaveAsEffects() {
        h.registerWorkflow("""
                {"name": "out", "version": 1, "tasks": [
                  {"name": "pub", "taskReferenceName": "pub", "type": "KAFKA_PUBLISH", "inputParameters": {"kafka_request": {
                    "topic": "audit", "key": "${workflow.input.id}", "value": {"id": "${workflow.input.id}"}, "headers": {"h": "v"}}}},
                  {"name": "call", "taskReferenceName": "call", "type": "HTTP",
                   "inputParameters": {"http_request": {"uri": "http://127.0.0.1:9/x", "method": "GET"}}}]}""");
        String wf = h.start("out", "{\"id\": \"7\"}");
        assertThat(h.effects(wf))
                .filteredOn(Effect.Publish.class::isInstance)
                .singleElement()
                .satisfies(e -> {
                    Effect.Publish p = (Effect.Publish) e;
                    assertThat(p.topic()).isEqualTo("audit");
                    assertThat(p.key()).isEqualTo("7");
                    assertThat(p.value()).isEqualTo(EngineHarness.object("{\"id\": \"7\"}"));
                    assertThat(p.headers().get("h").asText()).isEqualTo("v");
                });
        assertThat(h.commands(wf))
                .singleElement()
                .satisfies(c -> assertThat(c.topic()).isEqualTo("baton.http.commands"));
    }
}
