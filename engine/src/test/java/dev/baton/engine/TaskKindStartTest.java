package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.TaskKind;
import dev.baton.engine.model.TaskStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a task of each kind is just after it starts, as its properties say: sent, ended or waiting; its own tasks run. */
class TaskKindStartTest {
    /** The tasks of a workflow whose task {@code t} is of the kind. */
    private static final Map<TaskKind, String> TASKS = Map.ofEntries(
            Map.entry(TaskKind.SIMPLE, """
                    {"name": "work", "taskReferenceName": "t"}"""),
            Map.entry(TaskKind.DYNAMIC, """
                    {"name": "d", "taskReferenceName": "t", "type": "DYNAMIC", "dynamicTaskNameParam": "n",
                     "inputParameters": {"n": "work"}}"""),
            Map.entry(TaskKind.HTTP, """
                    {"name": "h", "taskReferenceName": "t", "type": "HTTP",
                     "inputParameters": {"http_request": {"uri": "http://127.0.0.1:9/x", "method": "GET"}}}"""),
            Map.entry(TaskKind.FORK_JOIN, """
                    {"name": "f", "taskReferenceName": "t", "type": "FORK_JOIN",
                     "forkTasks": [[{"name": "work", "taskReferenceName": "a"}]]},
                    {"name": "j", "taskReferenceName": "j", "type": "JOIN", "joinOn": ["a"]}"""),
            Map.entry(TaskKind.FORK_JOIN_DYNAMIC, """
                    {"name": "f", "taskReferenceName": "t", "type": "FORK_JOIN_DYNAMIC",
                     "dynamicForkTasksParam": "tasks", "dynamicForkTasksInputParamName": "inputs",
                     "inputParameters": {"tasks": [{"name": "work", "taskReferenceName": "a"}], "inputs": {"a": {}}}},
                    {"name": "j", "taskReferenceName": "j", "type": "JOIN"}"""),
            Map.entry(TaskKind.DECISION, """
                    {"name": "d", "taskReferenceName": "t", "type": "DECISION", "caseValueParam": "c",
                     "inputParameters": {"c": "x"}, "decisionCases": {"x": [{"name": "work", "taskReferenceName": "a"}]}}"""),
            Map.entry(TaskKind.SWITCH, """
                    {"name": "s", "taskReferenceName": "t", "type": "SWITCH", "expression": "c",
                     "inputParameters": {"c": "x"}, "decisionCases": {"x": [{"name": "work", "taskReferenceName": "a"}]}}"""),
            Map.entry(TaskKind.JOIN, """
                    {"name": "f", "taskReferenceName": "f", "type": "FORK_JOIN",
                     "forkTasks": [[{"name": "work", "taskReferenceName": "a"}]]},
                    {"name": "j", "taskReferenceName": "t", "type": "JOIN", "joinOn": ["a"]}"""),
            Map.entry(TaskKind.EXCLUSIVE_JOIN, """
                    {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "expression": "c",
                     "inputParameters": {"c": "none"}, "decisionCases": {"x": [{"name": "work", "taskReferenceName": "a"}]}},
                    {"name": "x", "taskReferenceName": "t", "type": "EXCLUSIVE_JOIN", "joinOn": ["a"]}"""),
            Map.entry(TaskKind.DO_WHILE, """
                    {"name": "l", "taskReferenceName": "t", "type": "DO_WHILE", "loopCondition": "false",
                     "loopOver": [{"name": "work", "taskReferenceName": "a"}]}"""),
            Map.entry(TaskKind.SUB_WORKFLOW, """
                    {"name": "c", "taskReferenceName": "t", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "child"}}"""),
            Map.entry(TaskKind.START_WORKFLOW, """
                    {"name": "c", "taskReferenceName": "t", "type": "START_WORKFLOW",
                     "inputParameters": {"startWorkflow": {"name": "child"}}}"""),
            Map.entry(TaskKind.EVENT, """
                    {"name": "e", "taskReferenceName": "t", "type": "EVENT", "sink": "conductor"}"""),
            Map.entry(TaskKind.WAIT, """
                    {"name": "w", "taskReferenceName": "t", "type": "WAIT"}"""),
            Map.entry(TaskKind.HUMAN, """
                    {"name": "h", "taskReferenceName": "t", "type": "HUMAN"}"""),
            Map.entry(TaskKind.LAMBDA, """
                    {"name": "l", "taskReferenceName": "t", "type": "LAMBDA",
                     "inputParameters": {"scriptExpression": "return 1;"}}"""),
            Map.entry(TaskKind.INLINE, """
                    {"name": "i", "taskReferenceName": "t", "type": "INLINE",
                     "inputParameters": {"evaluatorType": "javascript", "expression": "1"}}"""),
            Map.entry(TaskKind.TERMINATE, """
                    {"name": "x", "taskReferenceName": "t", "type": "TERMINATE",
                     "inputParameters": {"terminationStatus": "COMPLETED"}}"""),
            Map.entry(TaskKind.KAFKA_PUBLISH, """
                    {"name": "k", "taskReferenceName": "t", "type": "KAFKA_PUBLISH",
                     "inputParameters": {"kafka_request": {"topic": "audit", "value": {"a": 1}}}}"""),
            Map.entry(TaskKind.JSON_JQ_TRANSFORM, """
                    {"name": "q", "taskReferenceName": "t", "type": "JSON_JQ_TRANSFORM",
                     "inputParameters": {"queryExpression": "."}}"""),
            Map.entry(TaskKind.SET_VARIABLE, """
                    {"name": "v", "taskReferenceName": "t", "type": "SET_VARIABLE", "inputParameters": {"x": 1}}"""),
            Map.entry(TaskKind.NOOP, """
                    {"name": "n", "taskReferenceName": "t", "type": "NOOP"}"""));

    private final EngineHarness h = new EngineHarness();

    @Test
    void everySupportedKindIsCovered() {
        for (TaskKind kind : TaskKind.values()) {
            assertThat(TASKS.containsKey(kind)).as(kind.typeName()).isEqualTo(kind.isSupported());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskKind.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"USER_DEFINED", "UNKNOWN"})
    void aStartedTaskIsSentEndedOrWaitingAsItsKindSays(TaskKind kind) {
        // given
        h.registerWorkflow("""
                {"name": "child", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "w"}]}""");
        h.registerWorkflow("{\"name\": \"wf\", \"version\": 1, \"tasks\": [" + TASKS.get(kind) + "]}");

        // when
        String wf = h.start("wf", "{}");

        // then
        TaskStatus status = h.current(wf, "t").status;
        boolean sent = h.commands(wf).stream().anyMatch(c -> "t".equals(c.taskRef()));
        assertThat(h.current(wf, "t").kind()).isSameAs(kind);
        assertThat(sent).as("sent to a worker").isEqualTo(kind.isSentToWorker());
        if (kind.hasChildren()) {
            assertThat(h.commands(wf))
                    .as("a task it holds runs")
                    .anyMatch(c -> c.taskRef().startsWith("a"));
        }
        if (kind.isSentToWorker()) {
            assertThat(status).isEqualTo(TaskStatus.SCHEDULED);
        } else if (kind.isSynchronous()) {
            assertThat(status).isEqualTo(TaskStatus.COMPLETED);
        } else {
            assertThat(kind.isAsynchronous()).isTrue();
            assertThat(status).isEqualTo(TaskStatus.IN_PROGRESS);
        }
    }
}
