package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EXCLUSIVE_JOIN after nested decisions, as Conductor's ExclusiveJoinSpec runs it: the join takes
 * the output of the first of {@code joinOn} that ran, else of the first of
 * {@code defaultExclusiveJoinTask} that ran; its input is joinOn and defaultExclusiveJoinTask.
 */
class ExclusiveJoinTest {
    private static final String WF = """
            {"name": "xjoin", "version": 1, "schemaVersion": 2, "tasks": [
              {"name": "task_1", "taskReferenceName": "task1", "type": "SIMPLE"},
              {"name": "decide", "taskReferenceName": "decision1", "type": "DECISION", "caseValueParam": "d1",
               "inputParameters": {"d1": "${workflow.input.decision_1}"},
               "decisionCases": {
                 "true": [
                   {"name": "task_2", "taskReferenceName": "task2", "type": "SIMPLE"},
                   {"name": "decide", "taskReferenceName": "decision2", "type": "DECISION", "caseValueParam": "d2",
                    "inputParameters": {"d2": "${workflow.input.decision_2}"},
                    "decisionCases": {"true": [{"name": "task_3", "taskReferenceName": "task3", "type": "SIMPLE"}]}}],
                 "false": [
                   {"name": "task_4", "taskReferenceName": "task4", "type": "SIMPLE"},
                   {"name": "decide", "taskReferenceName": "decision3", "type": "DECISION", "caseValueParam": "d3",
                    "inputParameters": {"d3": "${workflow.input.decision_3}"},
                    "decisionCases": {"true": [{"name": "task_5", "taskReferenceName": "task5", "type": "SIMPLE"}]}}]}},
              {"name": "exclusive_join", "taskReferenceName": "exclusiveJoin", "type": "EXCLUSIVE_JOIN",
               "inputParameters": {"ignored": "by Conductor"},
               "joinOn": ["task3", "task5"], "defaultExclusiveJoinTask": ["task2", "task4", "task1"]}]}""";

    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerWorkflow(WF);
        h.registerWorkflow(WF.replace("\"xjoin\"", "\"xjoin_no_default\"")
                .replace(", \"defaultExclusiveJoinTask\": [\"task2\", \"task4\", \"task1\"]", ""));
    }

    /** Runs the workflow with the decisions given, completing each task with its reference as output. */
    @ParameterizedTest(name = "decision_1={0}, decision_2={1}, decision_3={2} -> {3}")
    @CsvSource({
        "null,  null,  null, task1, task1",
        "true,  null,  null, task2, task1 task2",
        "true,  true,  null, task3, task1 task2 task3",
        "false, null,  null, task4, task1 task4",
        "false, null,  true, task5, task1 task4 task5"
    })
    void takesTheOutputOfTheTaskThatRanOrOfTheFirstDefaultThatRan(
            String d1, String d2, String d3, String expected, String ran) {
        String wf = h.start("xjoin", """
                {"decision_1": "%s", "decision_2": "%s", "decision_3": "%s"}""".formatted(d1, d2, d3));

        for (String ref : ran.split(" ")) {
            h.complete(wf, ref, "{\"taskReferenceName\": \"" + ref + "\"}");
        }

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("exclusiveJoin", TaskStatus.COMPLETED);
        TaskState join = h.current(wf, "exclusiveJoin");
        assertThat(join.outputData.get("taskReferenceName").asText()).isEqualTo(expected);
        assertThat(join.inputData).isEqualTo(EngineHarness.object("""
                {"joinOn": ["task3", "task5"], "defaultExclusiveJoinTask": ["task2", "task4", "task1"]}"""));
    }

    @Test
    void withoutADefaultItWaitsWhenNoneOfItsTasksRan() {
        String wf = h.start("xjoin_no_default", "{\"decision_1\": \"true\", \"decision_2\": \"no\"}");
        h.complete(wf, "task1", "{}");

        h.complete(wf, "task2", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("exclusiveJoin", TaskStatus.IN_PROGRESS);
        assertThat(h.current(wf, "exclusiveJoin").inputData).isEqualTo(EngineHarness.object("""
                {"joinOn": ["task3", "task5"], "defaultExclusiveJoinTask": []}"""));
    }

    @Test
    void aSkippedTaskIsPassedOverForTheNextOne() {
        String wf = h.start("xjoin", "{\"decision_1\": \"true\", \"decision_2\": \"true\"}");
        h.apply(
                wf,
                new dev.baton.engine.input.EngineInput.SkipTask(
                        "task3", null, EngineHarness.object("{\"taskReferenceName\": \"skipped\"}")));
        h.complete(wf, "task1", "{}");

        h.complete(wf, "task2", "{\"taskReferenceName\": \"task2\"}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.current(wf, "exclusiveJoin")
                        .outputData
                        .get("taskReferenceName")
                        .asText())
                .isEqualTo("task2");
    }
}
