package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * reasonForIncompletion in Conductor's words for the common failures, as Conductor 3.32.1 gives them
 * (each checked against a running Conductor): a DYNAMIC task whose name is missing, a dynamic fork
 * with bad input, a missing sub-workflow definition, a failed or terminated child, a worker that
 * gives no reason or a long one.
 */
class ConductorReasonsTest {
    private static final String PRE = """
            {"name": "pre", "taskReferenceName": "pre", "type": "INLINE",
             "inputParameters": {"evaluatorType": "javascript", "expression": "1"}}""";
    private final EngineHarness h = new EngineHarness().routeBetweenWorkflows();

    private String run(String tasks, String input) {
        h.registerWorkflow("""
                {"name": "reasons", "version": 1, "schemaVersion": 2, "tasks": [%s, %s]}""".formatted(PRE, tasks));
        return h.start("reasons", input);
    }

    @Test
    void aDynamicTaskWhoseNameIsMissingFailsTheWorkflowBeforeItIsScheduled() {
        String wf = run("""
                {"name": "dyn", "taskReferenceName": "dyn", "type": "DYNAMIC", "dynamicTaskNameParam": "taskToExecute",
                 "inputParameters": {"taskToExecute": "${workflow.input.t}", "other": 1, "nested": {"a": [1, "x"]}}}""", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(1);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo(
                        "Cannot map a dynamic task based on the parameter"
                                + " and input. Parameter= taskToExecute, input= {taskToExecute=null, other=1, nested={a=[1, x]}}");
    }

    @Test
    void aDynamicTaskNamingAnUnregisteredTaskIsSentAsConductorDoes() {
        String wf = run("""
                {"name": "dyn", "taskReferenceName": "dyn", "type": "DYNAMIC", "dynamicTaskNameParam": "taskToExecute",
                 "inputParameters": {"taskToExecute": "${workflow.input.t}"}}""", "{\"t\": \"not_registered\"}");

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasDispatchedRefs("dyn");
        assertThat(h.current(wf, "dyn").taskDefName).isEqualTo("not_registered");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tasks not a list     | {"tasks": "abc", "inputs": {}}                                   | Input 'dynamicTasks' is invalid. Cannot deserialize a list of Workflow Tasks from 'abc'
            no tasks             | {"inputs": {}}                                                   | Input 'dynamicTasks' is invalid. Cannot deserialize a list of Workflow Tasks from 'null'
            a task without ref   | {"tasks": [{"name": "a", "type": "SIMPLE"}], "inputs": {}}       | Input 'dynamicTasks' is invalid. Cannot deserialize a list of Workflow Tasks from '[{name=a, type=SIMPLE}]'
            inputs not a map     | {"tasks": [{"name": "a", "taskReferenceName": "x1"}], "inputs": "zz"} | Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found zz
            no inputs            | {"tasks": [{"name": "a", "taskReferenceName": "x1"}]}            | Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found null
            a task input a text  | {"tasks": [{"name": "a", "taskReferenceName": "x1"}], "inputs": {"x1": "str"}} | Tasks could not be dynamically forked due to invalid input: class java.lang.String cannot be cast to class java.util.Map (java.lang.String and java.util.Map are in module java.base of loader 'bootstrap')
            a task input a list  | {"tasks": [{"name": "a", "taskReferenceName": "x1"}], "inputs": {"x1": [1]}} | Tasks could not be dynamically forked due to invalid input: class java.util.ArrayList cannot be cast to class java.util.Map (java.util.ArrayList and java.util.Map are in module java.base of loader 'bootstrap')
            """)
    void aDynamicForkWithBadInputFailsTheWorkflowBeforeItIsScheduled(String what, String input, String reason) {
        String wf = run("""
                {"name": "fork", "taskReferenceName": "df", "type": "FORK_JOIN_DYNAMIC",
                 "dynamicForkTasksParam": "dynamicTasks", "dynamicForkTasksInputParamName": "dynamicTasksInput",
                 "inputParameters": {"dynamicTasks": "${workflow.input.tasks}", "dynamicTasksInput": "${workflow.input.inputs}"}},
                {"name": "join", "taskReferenceName": "dj", "type": "JOIN"}""", input);

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(1);
        assertThat(h.instance(wf).reasonForIncompletion).isEqualTo(reason);
    }

    @Test
    void aSubWorkflowWithoutDefinitionFailsTheWorkflowBeforeItIsScheduled() {
        String wf = run("""
                {"name": "s", "taskReferenceName": "s", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "nowhere"}}""", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(1);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("The Task nowhere defined as a sub-workflow has no workflow definition available ");
    }

    @Test
    void aSubWorkflowOfAMissingVersionFailsItsTask() {
        h.registerWorkflow(Defs.linear("child", "task_c"));
        String wf = run("""
                {"name": "s", "taskReferenceName": "s", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "child", "version": 9}}""", "{}");

        TaskState s = h.current(wf, "s");
        assertThat(s.status).isEqualTo(TaskStatus.FAILED);
        assertThat(s.reasonForIncompletion).isEqualTo("No such workflow defined. name=child, version=9");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + s.taskId
                        + " failed with status: FAILED and reason: 'No such workflow defined. name=child, version=9'");
    }

    @Test
    void aFailedOrTerminatedChildIsNamedInItsParentsReasons() {
        h.registerTask(Defs.taskDef("task_c", 0, "FIXED", 0));
        h.registerWorkflow(Defs.linear("child", "task_c"));
        String wf = run("""
                {"name": "s", "taskReferenceName": "s", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "child"}}""", "{}");
        String child = h.current(wf, "s").subWorkflowId;
        h.fail(child, "t1", "boom");

        String childReason = "Task " + h.current(child, "t1").taskId + " failed with status: FAILED and reason: 'boom'";
        TaskState s = h.current(wf, "s");
        assertThat(s.reasonForIncompletion)
                .isEqualTo("Sub workflow child.1/" + child + " failure reason: " + childReason);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + s.taskId + " failed with status: FAILED" + " and reason: '"
                        + s.reasonForIncompletion + "'");

        h.apply(wf, new EngineInput.Retry(false)); // a new child, then terminated
        String second = h.current(wf, "s").subWorkflowId;
        h.terminate(second, "stop it");

        TaskState canceled = h.current(wf, "s");
        assertThat(canceled.status).isEqualTo(TaskStatus.CANCELED);
        assertThat(canceled.reasonForIncompletion)
                .isEqualTo("Sub workflow child.1/" + second + " failure reason: stop it");
        h.assertThat(wf).hasStatus(WorkflowStatus.TERMINATED);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + canceled.taskId + " failed with status:" + " TERMINATED and reason: '"
                        + canceled.reasonForIncompletion + "'");
    }

    @Test
    void aWorkerThatGivesNoReasonLeavesItNullAndALongOneIsCutAt500Characters() {
        h.registerTask(Defs.taskDef("task_a", 1, "FIXED", 0));
        h.registerWorkflow(Defs.linear("worker_wf", "task_a"));
        String wf = h.start("worker_wf", "{}");

        h.reply(wf, "t1", EngineInput.ReplyStatus.FAILED, "{}", "x".repeat(600));
        assertThat(h.instance(wf).tasks.get(0).reasonForIncompletion).hasSize(500);
        h.reply(wf, "t1", EngineInput.ReplyStatus.FAILED, "{}", null);

        TaskState t1 = h.current(wf, "t1");
        assertThat(t1.reasonForIncompletion).isNull();
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + t1.taskId + " failed with status: FAILED and reason: 'null'");
    }
}
