package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conductor's permissive tasks (a WorkflowTask's {@code permissive}), as Conductor 3.32 runs them: a permissive task
 * that fails for good lets the flow go on; a JOIN on it fails once every task it joins on has ended; a workflow that
 * reaches its end after such a failure fails then, naming the task.
 */
class PermissiveTaskTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        for (String name : new String[] {"task_a", "task_b", "task_c"}) {
            h.registerTask("{\"name\": \"%s\", \"retryCount\": 0}".formatted(name));
        }
        h.registerWorkflow("""
                {"name": "perm_seq", "version": 1, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE", "permissive": true},
                  {"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]}""");
        h.registerWorkflow("""
                {"name": "perm_fork", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE", "permissive": true}],
                    [{"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b"]},
                  {"name": "task_c", "taskReferenceName": "c", "type": "SIMPLE"}]}""");
    }

    @Test
    void theFlowGoesOnAfterAPermissiveFailureAndTheWorkflowFailsAtItsEnd() {
        String wf = h.start("perm_seq", "{}");
        h.fail(wf, "a", "boom");

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("a", TaskStatus.FAILED);
        assertThat(h.current(wf, "b").status).isEqualTo(TaskStatus.SCHEDULED);

        h.complete(wf, "b", "{\"y\": 2}");

        TaskState a = h.current(wf, "a");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasOutput("{\"y\": 2}");
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + a.taskId + " failed with status: FAILED and reason: 'boom'");
    }

    @Test
    void aJoinOnAPermissiveFailureFailsOnceEveryBranchHasEnded() {
        String wf = h.start("perm_fork", "{}");
        h.fail(wf, "a", "boom");

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING);
        assertThat(h.current(wf, "b").status).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(h.current(wf, "join").status).isEqualTo(TaskStatus.IN_PROGRESS);

        h.complete(wf, "b", "{\"x\": 1}");

        TaskState join = h.current(wf, "join");
        assertThat(join.status).isEqualTo(TaskStatus.FAILED);
        assertThat(join.reasonForIncompletion).isEqualTo("boom");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(4);
        assertThat(h.instance(wf).reasonForIncompletion)
                .isEqualTo("Task " + join.taskId + " failed with status: FAILED and reason: 'boom'");
    }

    @Test
    void withoutPermissiveTheFirstFailureEndsTheWorkflowAtOnce() {
        h.registerWorkflow("""
                {"name": "strict_seq", "version": 1, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE"},
                  {"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]}""");
        String wf = h.start("strict_seq", "{}");
        h.fail(wf, "a", "boom");

        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasTaskCount(1);
    }

    @Test
    void anOptionalTaskThatIsAlsoPermissiveCompletesWithErrors() {
        h.registerWorkflow("""
                {"name": "both", "version": 1, "tasks": [
                  {"name": "task_a", "taskReferenceName": "a", "type": "SIMPLE", "permissive": true, "optional": true},
                  {"name": "task_b", "taskReferenceName": "b", "type": "SIMPLE"}]}""");
        String wf = h.start("both", "{}");
        h.fail(wf, "a", "boom");
        h.complete(wf, "b", "{}");

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("a", TaskStatus.COMPLETED_WITH_ERRORS);
    }
}
