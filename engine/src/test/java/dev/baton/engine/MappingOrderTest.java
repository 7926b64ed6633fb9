package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order of the task list, as Conductor 3.32 builds it: its fork mapper maps each branch's first task together
 * with the fork (a nested fork with its branches and JOIN, a switch with its chosen case's first task), then the JOIN;
 * a DO_WHILE maps alone and schedules its first pass when it runs, after them.
 */
class MappingOrderTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        for (String name : new String[] {"t11", "t12", "t13", "t2", "body"}) {
            h.registerTask("{\"name\": \"%s\", \"retryCount\": 0}".formatted(name));
        }
    }

    @Test
    void aNestedForkIsListedWithItsBranchesAndJoinBeforeTheOuterJoin() {
        h.registerWorkflow("""
                {"name": "nested", "version": 1, "tasks": [
                  {"name": "fork1", "taskReferenceName": "fork1", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "t11", "taskReferenceName": "t11", "type": "SIMPLE"}],
                    [{"name": "fork2", "taskReferenceName": "fork2", "type": "FORK_JOIN", "forkTasks": [
                        [{"name": "t12", "taskReferenceName": "t12", "type": "SIMPLE"}],
                        [{"name": "t13", "taskReferenceName": "t13", "type": "SIMPLE"}]]},
                     {"name": "join2", "taskReferenceName": "join2", "type": "JOIN", "joinOn": ["t12", "t13"]}]]},
                  {"name": "join1", "taskReferenceName": "join1", "type": "JOIN", "joinOn": ["t11", "join2"]}]}""");
        String wf = h.start("nested", "{}");

        assertThat(refs(wf)).containsExactly("fork1", "t11", "fork2", "t12", "t13", "join2", "join1");
    }

    @Test
    void aSwitchInABranchIsListedWithItsCaseBeforeTheNextBranch() {
        h.registerWorkflow("""
                {"name": "switch_in_fork", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "sw", "taskReferenceName": "sw", "type": "SWITCH", "evaluatorType": "value-param",
                      "expression": "c", "inputParameters": {"c": "x"},
                      "decisionCases": {"x": [{"name": "t11", "taskReferenceName": "t11", "type": "SIMPLE"}]}}],
                    [{"name": "t2", "taskReferenceName": "t2", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["t11", "t2"]}]}""");
        String wf = h.start("switch_in_fork", "{}");

        assertThat(refs(wf)).containsExactly("fork", "sw", "t11", "t2", "join");
        // the switch's input as Conductor's mapper leaves it: its parameters, the case, and that it has children
        assertThat(h.current(wf, "sw").inputData.toString())
                .isEqualTo("{\"c\":\"x\",\"case\":\"x\",\"hasChildren\":\"true\"}");
    }

    @Test
    void aDecisionShowsOnlyTheCaseItChoseAsItsInput() {
        h.registerWorkflow("""
                {"name": "decision", "version": 1, "tasks": [
                  {"name": "d", "taskReferenceName": "d", "type": "DECISION", "caseValueParam": "c",
                   "inputParameters": {"c": "${workflow.input.c}", "other": 1},
                   "decisionCases": {"a": [{"name": "t11", "taskReferenceName": "t11", "type": "SIMPLE"}],
                                     "b": []}}]}""");
        String chose = h.start("decision", "{\"c\": \"a\"}");
        assertThat(h.current(chose, "d").inputData.toString()).isEqualTo("{\"case\":\"a\",\"hasChildren\":\"true\"}");
        String empty = h.start("decision", "{\"c\": \"b\"}");
        assertThat(h.current(empty, "d").inputData.toString()).isEqualTo("{\"case\":\"b\"}");
    }

    @Test
    void aLoopInABranchStartsItsFirstPassAfterTheJoinIsScheduled() {
        h.registerWorkflow("""
                {"name": "loop_in_fork", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                      "loopCondition": "if ($.loop['iteration'] < 1) { true; } else { false; }",
                      "loopOver": [{"name": "body", "taskReferenceName": "body", "type": "SIMPLE"}]}],
                    [{"name": "t2", "taskReferenceName": "t2", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["loop", "t2"]}]}""");
        String wf = h.start("loop_in_fork", "{}");

        assertThat(refs(wf)).containsExactly("fork", "loop", "t2", "join", "body__1");
    }

    @Test
    void aLoopWhosePassStartsWithAForkHoldingALoopSchedulesEachPassOnce() {
        h.registerWorkflow("""
                {"name": "nested_loops", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "outer", "taskReferenceName": "outer", "type": "DO_WHILE",
                      "loopCondition": "false",
                      "loopOver": [
                        {"name": "fork2", "taskReferenceName": "fork2", "type": "FORK_JOIN", "forkTasks": [
                          [{"name": "inner", "taskReferenceName": "inner", "type": "DO_WHILE", "loopCondition": "false",
                            "loopOver": [{"name": "body", "taskReferenceName": "body", "type": "SIMPLE"}]}],
                          [{"name": "t12", "taskReferenceName": "t12", "type": "SIMPLE"}]]},
                        {"name": "join2", "taskReferenceName": "join2", "type": "JOIN", "joinOn": ["inner", "t12"]}]}],
                    [{"name": "t2", "taskReferenceName": "t2", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["outer", "t2"]}]}""");
        String wf = h.start("nested_loops", "{}");

        assertThat(refs(wf))
                .containsExactly(
                        "fork", "outer", "t2", "join", "fork2__1", "inner__1", "t12__1", "join2__1", "body__1");
    }

    @Test
    void aTerminateInABranchEndsTheWorkflowOnceTheForkIsMappedAndGivesOnlyItsOwnOutput() {
        h.registerWorkflow("""
                {"name": "terminate_in_fork", "version": 1, "outputParameters": {"o": 1}, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "end", "taskReferenceName": "end", "type": "TERMINATE",
                      "inputParameters": {"terminationStatus": "FAILED"}}],
                    [{"name": "t2", "taskReferenceName": "t2", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["end", "t2"]}]}""");
        String wf = h.start("terminate_in_fork", "{}");

        assertThat(refs(wf)).containsExactly("fork", "end", "t2", "join");
        h.assertThat(wf)
                .hasStatus(dev.baton.engine.model.WorkflowStatus.FAILED)
                .hasTaskStatuses("t2", dev.baton.engine.model.TaskStatus.CANCELED)
                .hasTaskStatuses("join", dev.baton.engine.model.TaskStatus.CANCELED);
        assertThat(h.instance(wf).output.toString()).isEqualTo("{}");
    }

    private List<String> refs(String wf) {
        return h.instance(wf).tasks.stream()
                .map((TaskState t) -> t.referenceTaskName)
                .toList();
    }
}
