package dev.baton.engine;

import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.VARIABLES_UPDATED;
import static dev.baton.engine.effect.EventType.WORKFLOW_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UPDATE_VARIABLES from outside the workflow (an event handler's update_workflow_variables). */
class UpdateVariablesTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "vars_wf", "version": 1, "variables": {"seen": ["a"], "count": 1},
                 "tasks": [
                   {"name": "task_a", "taskReferenceName": "t1", "inputParameters": {"c": "${workflow.variables.count}"}},
                   {"name": "task_b", "taskReferenceName": "t2", "inputParameters": {"c": "${workflow.variables.count}",
                                                                                     "seen": "${workflow.variables.seen}"}}]}""");
    }

    @Test
    void valuesReplaceAndAddVariablesAndTheUpdateIsRecorded() {
        // given
        String wf = h.start("vars_wf", "{}");

        // when
        h.apply(
                wf,
                new EngineInput.UpdateVariables(
                        EngineHarness.object("{\"count\": 5, \"seen\": [\"z\"], \"new\": {\"x\": 1}}"), false));

        // then
        assertThat((JsonNode) h.instance(wf).variables)
                .isEqualTo(EngineHarness.object("{\"seen\": [\"z\"], \"count\": 5, \"new\": {\"x\": 1}}"));
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, VARIABLES_UPDATED)
                .hasGaplessSeq();
        Effect.HistoryEvent updated = h.events(wf).get(2);
        assertThat(updated.payload()).isEqualTo(h.instance(wf).variables);
        assertThat(updated.taskId()).isNull();

        // and the next task sees the new values
        h.complete(wf, "t1", "{}");
        assertThat((JsonNode) h.commands(wf).get(1).input())
                .isEqualTo(EngineHarness.object("{\"c\": 5, \"seen\": [\"z\"]}"));
    }

    @Test
    void appendArrayAppendsToArraysAndReplacesEverythingElse() {
        // given
        String wf = h.start("vars_wf", "{}");

        // when
        h.apply(
                wf,
                new EngineInput.UpdateVariables(
                        EngineHarness.object("{\"seen\": [\"b\", \"c\"], \"count\": 2}"), true));
        h.apply(wf, new EngineInput.UpdateVariables(EngineHarness.object("{\"seen\": \"d\", \"fresh\": [1]}"), true));

        // then
        assertThat((JsonNode) h.instance(wf).variables)
                .isEqualTo(
                        EngineHarness.object("{\"seen\": [\"a\", \"b\", \"c\", \"d\"], \"count\": 2, \"fresh\": [1]}"));
    }

    @Test
    void aFinishedWorkflowKeepsItsVariables() {
        // given
        String wf = h.start("vars_wf", "{}");
        h.terminate(wf, "stop");

        // when / then
        assertThatThrownBy(() ->
                        h.apply(wf, new EngineInput.UpdateVariables(EngineHarness.object("{\"count\": 9}"), false)))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("TERMINATED");
        assertThat(h.instance(wf).variables.get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aPausedWorkflowTakesTheUpdate() {
        String wf = h.start("vars_wf", "{}");
        h.pause(wf);

        h.apply(wf, new EngineInput.UpdateVariables(EngineHarness.object("{\"count\": 3}"), false));

        h.assertThat(wf).hasStatus(WorkflowStatus.PAUSED).hasEventTypesEndingWith(VARIABLES_UPDATED);
        assertThat(h.instance(wf).variables.get("count").asInt()).isEqualTo(3);
    }

    @Test
    void anUpdateBeyondTheSizeLimitIsRefusedWhole() {
        // given
        String wf = h.start("vars_wf", "{}");
        String big = "x".repeat(300 * 1024);

        // when / then
        assertThatThrownBy(() -> h.apply(
                        wf,
                        new EngineInput.UpdateVariables(
                                EngineHarness.object("{\"count\": 2, \"blob\": \"" + big + "\"}"), false)))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("kilobytes");
        assertThat((JsonNode) h.instance(wf).variables)
                .isEqualTo(EngineHarness.object("{\"seen\": [\"a\"], \"count\": 1}"));
        h.assertThat(wf).hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED);
    }

    @Test
    void anEmptyUpdateIsRefused() {
        String wf = h.start("vars_wf", "{}");

        assertThatThrownBy(() -> h.apply(wf, new EngineInput.UpdateVariables(EngineHarness.object("{}"), false)))
                .isInstanceOf(RejectedInputException.class);
    }
}
