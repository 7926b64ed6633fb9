package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** DO_WHILE beyond the conformance corpus: iterating over items, keepLastN, and loops inside loops. */
class LoopTest {
    private final EngineHarness h = new EngineHarness();

    @Test
    void iteratesOverItemsExposingEachItemAndItsIndex() {
        // given
        h.registerWorkflow("""
                {"name": "each", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "items": "${workflow.input.cities}",
                   "loopOver": [{"name": "visit", "taskReferenceName": "visit",
                     "inputParameters": {"city": "${loop.output.loopItem}", "index": "${loop.output.loopIndex}"}}]}]}""");

        // when
        String wf = h.start("each", "{\"cities\": [\"Oslo\", \"Lima\", \"Pune\"]}");
        h.complete(wf, "visit__1", "{}");
        h.complete(wf, "visit__2", "{}");
        h.complete(wf, "visit__3", "{}");

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasDispatchedRefs("visit__1", "visit__2", "visit__3");
        assertThat(h.commands(wf))
                .extracting(c -> ((JsonNode) c.input()).toString())
                .containsExactly(
                        "{\"city\":\"Oslo\",\"index\":0}",
                        "{\"city\":\"Lima\",\"index\":1}",
                        "{\"city\":\"Pune\",\"index\":2}");
        // as Conductor: the items are evaluated when needed, not copied into the loop's input
        assertThat(h.instance(wf).tasks.get(0).inputData.has("items")).isFalse();
    }

    @Test
    void aConditionThatFailsEndsTheLoopWithConductorsWords() {
        h.registerWorkflow("""
                {"name": "badcond", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "loopCondition": "$.nope.x > 1",
                   "loopOver": [{"name": "n", "taskReferenceName": "n", "type": "NOOP"}]}]}""");

        String wf = h.start("badcond", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        TaskState loop = h.instance(wf).tasks.get(0);
        assertThat(loop.status).isEqualTo(dev.baton.engine.model.TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(loop.reasonForIncompletion)
                .startsWith(
                        "Unable to evaluate condition $.nope.x > 1, exception Error evaluating the script `TypeError:")
                .endsWith("` at line 1");
    }

    @Test
    void aSingleItemStandsForAListOfOne() {
        h.registerWorkflow("""
                {"name": "one", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "items": "${workflow.input.city}",
                   "loopOver": [{"name": "visit", "taskReferenceName": "visit",
                     "inputParameters": {"city": "${loop.output.loopItem}"}}]}]}""");

        String wf = h.start("one", "{\"city\": \"Oslo\"}");
        h.complete(wf, "visit__1", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasDispatchedRefs("visit__1");
        assertThat(((JsonNode) h.commands(wf).get(0).input()).toString()).isEqualTo("{\"city\":\"Oslo\"}");
    }

    @Test
    void anEmptyListRunsNoPass() {
        h.registerWorkflow("""
                {"name": "none", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "items": "${workflow.input.list}",
                   "loopOver": [{"name": "work", "taskReferenceName": "work"}]}]}""");
        String wf = h.start("none", "{\"list\": []}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasDispatchedCount(0);
    }

    @Test
    void keepLastNForgetsOlderPasses() {
        // given
        h.registerWorkflow("""
                {"name": "keep", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "inputParameters": {"keepLastN": 2, "items": [1, 2, 3, 4]},
                   "loopOver": [{"name": "work", "taskReferenceName": "work"}]}]}""");
        String wf = h.start("keep", "{}");

        // when
        for (int pass = 1; pass <= 4; pass++) {
            h.complete(wf, "work__" + pass, "{\"pass\": " + pass + "}");
        }

        // then: the task list and the output hold passes 3 and 4 only
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.instance(wf).tasks)
                .extracting(t -> t.referenceTaskName)
                .containsExactly("loop", "work__3", "work__4");
        TaskState loop = h.instance(wf).tasks.get(0);
        assertThat(loop.outputData.has("1")).isFalse();
        assertThat(loop.outputData.has("2")).isFalse();
        assertThat(loop.outputData.get("4").get("work").get("pass").asInt()).isEqualTo(4);
    }

    @Test
    void keepLastNCountsThePassThatRuns() {
        // as Conductor 3.32.1: with keepLastN 1, the tasks of the pass before go as soon as the next pass is
        // scheduled; its output goes when the next pass ends
        h.registerWorkflow("""
                {"name": "keep1", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "inputParameters": {"keepLastN": 1, "items": [1, 2, 3]},
                   "loopOver": [{"name": "work", "taskReferenceName": "work"}]}]}""");
        String wf = h.start("keep1", "{}");

        h.complete(wf, "work__1", "{\"pass\": 1}");

        assertThat(h.instance(wf).tasks).extracting(t -> t.referenceTaskName).containsExactly("loop", "work__2");
        assertThat(h.instance(wf).tasks.get(0).outputData.has("1")).isTrue();
        assertThat(h.instance(wf).tasks.get(1).seq).isEqualTo(2);

        h.complete(wf, "work__2", "{\"pass\": 2}");

        assertThat(h.instance(wf).tasks).extracting(t -> t.referenceTaskName).containsExactly("loop", "work__3");
        assertThat(h.instance(wf).tasks.get(0).outputData.has("1")).isFalse();
        assertThat(h.instance(wf)
                        .tasks
                        .get(0)
                        .outputData
                        .get("2")
                        .get("work")
                        .get("pass")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aLoopInsideALoopRunsItsPassesInEachOuterPass() {
        // given: Conductor forbids nested loops; Baton allows them
        h.registerWorkflow("""
                {"name": "nested", "version": 1, "tasks": [
                  {"name": "outer", "taskReferenceName": "outer", "type": "DO_WHILE",
                   "loopCondition": "$.outer['iteration'] < 2",
                   "loopOver": [
                     {"name": "inner", "taskReferenceName": "inner", "type": "DO_WHILE",
                      "loopCondition": "$.inner['iteration'] < 2",
                      "loopOver": [{"name": "work", "taskReferenceName": "work"}]}]}]}""");
        String wf = h.start("nested", "{}");

        // when
        for (int i = 0; i < 4; i++) {
            TaskState open = h.instance(wf).tasks.stream()
                    .filter(t -> t.defRef.equals("work") && !t.status.isTerminal())
                    .findFirst()
                    .orElseThrow();
            h.replyTo(wf, open.taskId, 0, dev.baton.engine.input.EngineInput.ReplyStatus.COMPLETED, "{}", null);
        }

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasDispatchedCount(4);
    }

    @Test
    void aTaskFieldSuchAsTheLoopsIterationResolvesInAnExpression() {
        // Conductor's Do_While_Workflow_Iteration_Fix (DoWhileSpec): ${loopTask['iteration']} is the current pass
        EngineHarness h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "iteration_fix", "version": 1, "tasks": [
                  {"name": "loopTask", "taskReferenceName": "loopTask", "type": "DO_WHILE",
                   "inputParameters": {"value": "${workflow.input.loop}"},
                   "loopCondition": "if ($.loopTask['iteration'] < $.value) { true; } else { false;} ",
                   "loopOver": [{"name": "form_uri", "taskReferenceName": "form_uri", "type": "LAMBDA",
                     "inputParameters": {"index": "${loopTask['iteration']}", "scriptExpression": "return $.index - 1;"}}]}],
                 "outputParameters": {"result": "${form_uri.output.result}", "ref": "${form_uri.referenceTaskName}"}}""");
        String wf = h.start("iteration_fix", "{\"loop\": 3}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.instance(wf).output.toString()).isEqualTo("{\"result\":2,\"ref\":\"form_uri__3\"}");
    }

    @Test
    void aLoopOverItemsStopsWhenItsConditionSeesTheStopItem() {
        EngineHarness h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "items_cond", "version": 1, "tasks": [
                  {"name": "lp", "taskReferenceName": "lp", "type": "DO_WHILE", "items": ["a", "stop", "c"],
                   "loopCondition": "$.loopItem != 'stop'",
                   "loopOver": [{"name": "noop", "taskReferenceName": "noop", "type": "SET_VARIABLE",
                     "inputParameters": {"seen": "${lp.output.loopItem}"}}]}]}""");
        String wf = h.start("items_cond", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.current(wf, "lp").outputData.get("iteration").asInt()).isEqualTo(2);
        assertThat(h.current(wf, "lp").outputData.get("loopItem").asText()).isEqualTo("stop");
    }

    @Test
    void orkesItemsInputIteratesWithoutACondition() {
        EngineHarness h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "items_orkes", "version": 1, "tasks": [
                  {"name": "lp", "taskReferenceName": "lp", "type": "DO_WHILE",
                   "inputParameters": {"_items": "${workflow.input.list}"},
                   "loopOver": [{"name": "noop", "taskReferenceName": "noop", "type": "SET_VARIABLE",
                     "inputParameters": {"seen": "${lp.output.loopItem}"}}]}]}""");
        String wf = h.start("items_orkes", "{\"list\": [10, 20]}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.current(wf, "lp").outputData.get("iteration").asInt()).isEqualTo(2);
        assertThat(h.current(wf, "lp").outputData.get("loopItem").asInt()).isEqualTo(20);
    }
}
