package dev.baton.engine.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.EngineHarness;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** Minimal reproducers of engine bugs that {@link EngineInvariantPropertiesTest} found (shrunk samples in each javadoc). */
class EngineBugReproducersTest {
    private final EngineHarness h = new EngineHarness();

    /** The open worker task made from a definition entry (whatever suffix the engine gave it). */
    private TaskState open(String wf, String defRef) {
        return h.instance(wf).tasks.stream()
                .filter(t -> defRef.equals(t.defRef) && !t.status.isTerminal())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open " + defRef + ": " + h.instanceJson(wf)));
    }

    private void reply(String wf, String defRef, ReplyStatus status) {
        TaskState t = open(wf, defRef);
        h.replyTo(wf, t.taskId, t.attempt(), status, "{}", status == ReplyStatus.COMPLETED ? null : "boom");
    }

    /**
     * The task after a DO_WHILE is scheduled with the loop's pass count as its iteration (the
     * DO_WHILE task's {@code iteration} is its current pass), so it is named {@code c__2}; a JOIN
     * waiting on {@code c} then never ends. Shrunk by completingEveryTaskCompletesTheWorkflow:
     * {@code [FORK[[task_0], [LOOP*1[task_0], task_0]]]}, every task answered COMPLETED.
     */
    @Test
    void aJoinOnTheTaskAfterALoopInAForkBranchEnds() {
        // given
        h.registerWorkflow("""
                {"name": "fork_loop", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "task_0", "taskReferenceName": "a"}],
                    [{"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "items": "${workflow.input.list}",
                      "loopOver": [{"name": "task_0", "taskReferenceName": "b"}]},
                     {"name": "task_0", "taskReferenceName": "c"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "c"]}]}""");
        String wf = h.start("fork_loop", "{\"list\": [1]}");

        // when
        reply(wf, "a", ReplyStatus.COMPLETED);
        reply(wf, "b", ReplyStatus.COMPLETED);
        reply(wf, "c", ReplyStatus.COMPLETED);

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
    }

    /** The same bug at the top level: the task after a two-pass loop is named {@code c__2}, not {@code c}. */
    @Test
    void theTaskAfterALoopKeepsItsPlainReference() {
        // given
        h.registerWorkflow("""
                {"name": "after_loop", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "items": "${workflow.input.list}",
                   "loopOver": [{"name": "task_0", "taskReferenceName": "b"}]},
                  {"name": "task_0", "taskReferenceName": "c"}]}""");
        String wf = h.start("after_loop", "{\"list\": [1, 2]}");

        // when
        reply(wf, "b", ReplyStatus.COMPLETED);
        reply(wf, "b", ReplyStatus.COMPLETED);

        // then
        TaskState c = open(wf, "c");
        assertThat(c.referenceTaskName).isEqualTo("c");
        assertThat(c.iteration).isZero();
    }

    /**
     * While a workflow is paused, one fork branch's task completes and another's fails. On resume
     * the decider acts on the ended tasks in list order: it schedules and dispatches the task after
     * the completed one, then fails the workflow on the failure and cancels the task it has just
     * sent. A command goes out for a task that is CANCELED in the same transition. Shrunk by
     * everyTaskIsDispatchedOnceAndOnlyWhenScheduled: {@code [LOOP*1[FORK[[task_0, task_0], [task_0]]]]}
     * with Pause, Reply COMPLETED, Reply FAILED, Resume.
     */
    @Test
    void resumingAfterAFailureDispatchesNothing() {
        // given
        h.registerTask("""
                {"name": "task_0", "retryCount": 0, "retryLogic": "FIXED", "retryDelaySeconds": 0}""");
        h.registerWorkflow("""
                {"name": "fork_pause", "version": 1, "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "task_0", "taskReferenceName": "a"}, {"name": "task_0", "taskReferenceName": "b"}],
                    [{"name": "task_0", "taskReferenceName": "c"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["b", "c"]}]}""");
        String wf = h.start("fork_pause", "{}");
        h.pause(wf);
        reply(wf, "a", ReplyStatus.COMPLETED);
        reply(wf, "c", ReplyStatus.FAILED);

        // when
        h.resume(wf);

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        assertThat(h.lastEffects()).noneMatch(Effect.DispatchTask.class::isInstance);
    }
}
