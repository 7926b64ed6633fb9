package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a JOIN and a DO_WHILE show, as Conductor 3.32 shows it: a JOIN takes each joined task's output as it comes
 * (not only when it completes), keys it with the loop pass inside a loop, and completes with errors when an optional
 * task it joins on did; a loop's output of a pass holds every task of the pass, nested ones too.
 */
class JoinOutputTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        for (String name : new String[] {"task_a", "task_b", "task_c"}) {
            h.registerTask("{\"name\": \"%s\", \"retryCount\": 0}".formatted(name));
        }
    }

    @Test
    void aJoinShowsTheOutputsOfTheTasksThatEndedWhileItWaits() {
        h.registerWorkflow(fork("fork_wait", "", ""));
        String wf = h.start("fork_wait", "{}");
        h.complete(wf, "a", "{\"x\": 1}");

        TaskState join = h.current(wf, "join");
        assertThat(join.status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(join.outputData.toString()).isEqualTo("{\"a\":{\"x\":1}}");

        h.complete(wf, "b", "{\"y\": 2}");
        assertThat(h.current(wf, "join").outputData.toString()).isEqualTo("{\"a\":{\"x\":1},\"b\":{\"y\":2}}");
    }

    @Test
    void aJoinFollowsAnOutputThatChangesAfterItTookIt() {
        h.registerWorkflow(fork("fork_progress", "", ""));
        String wf = h.start("fork_progress", "{}");
        h.reply(wf, "a", EngineInput.ReplyStatus.IN_PROGRESS, "{\"progress\": 1}", null);
        assertThat(h.current(wf, "join").outputData.get("a").toString()).isEqualTo("{\"progress\":1}");

        h.complete(wf, "a", "{\"x\": 1}");

        assertThat(h.current(wf, "join").outputData.get("a")).isEqualTo(h.current(wf, "a").outputData);
        assertThat(h.current(wf, "join").outputData.get("a").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void aJoinOnOptionalTasksThatFailedCompletesWithErrors() {
        h.registerWorkflow(fork("fork_optional", ", \"optional\": true", ", \"optional\": true"));
        String wf = h.start("fork_optional", "{}");
        TaskState a = h.current(wf, "a");
        TaskState b = h.current(wf, "b");
        h.fail(wf, "a", "no a");
        h.fail(wf, "b", "no b");

        TaskState join = h.current(wf, "join");
        assertThat(join.status).isEqualTo(TaskStatus.COMPLETED_WITH_ERRORS);
        assertThat(join.reasonForIncompletion)
                .isEqualTo("task_a/" + a.taskId + " task_b/" + b.taskId + " completed with errors");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
    }

    @Test
    void inALoopTheJoinKeysOutputsWithThePassAndThePassOutputHoldsNestedTasks() {
        h.registerWorkflow("""
                {"name": "loop_fork", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "loopCondition": "if ($.loop['iteration'] < 1) { true; } else { false; }",
                   "loopOver": [
                     {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                       [{"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE"}],
                       [{"name": "sw", "taskReferenceName": "sw", "type": "SWITCH", "evaluatorType": "value-param",
                         "expression": "c", "inputParameters": {"c": "x"},
                         "decisionCases": {"x": [{"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]}}]]},
                     {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b"]}]}]}""");
        String wf = h.start("loop_fork", "{}");
        h.complete(wf, "a__1", "{\"x\": 1}");
        h.complete(wf, "b__1", "{\"y\": 2}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.current(wf, "join__1").outputData.toString()).isEqualTo("{\"a__1\":{\"x\":1},\"b__1\":{\"y\":2}}");
        assertThat(h.current(wf, "loop").outputData.get("1").get("b").toString())
                .isEqualTo("{\"y\":2}");
        assertThat(h.current(wf, "loop").outputData.get("1").has("sw")).isTrue();
    }

    private static String fork(String name, String aFlags, String bFlags) {
        return """
                {"name": "%s", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE"%s}],
                    [{"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"%s}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b"]}]}""".formatted(name, aFlags, bFlags);
    }
}
