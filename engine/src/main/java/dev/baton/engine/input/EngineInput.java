package dev.baton.engine.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;

/** Everything that can happen to a workflow instance. Each kind has one processor. */
public sealed interface EngineInput {

    /**
     * Start a new instance of a definition. {@code parentWorkflowId}/{@code parentTaskId} are set
     * for a SUB_WORKFLOW child, whose end is then reported to the parent. {@code taskToDomain}:
     * Conductor's map of task name (or {@code *}) to domain list, kept with the instance; may be null.
     */
    record Start(
            String workflowId,
            WorkflowDef definition,
            ObjectNode input,
            String correlationId,
            String parentWorkflowId,
            String parentTaskId,
            java.util.Map<String, String> taskToDomain)
            implements EngineInput {
        /** A start with no task domains. */
        public Start(
                String workflowId,
                WorkflowDef definition,
                ObjectNode input,
                String correlationId,
                String parentWorkflowId,
                String parentTaskId) {
            this(workflowId, definition, input, correlationId, parentWorkflowId, parentTaskId, null);
        }
    }

    /** A service's reply for one task attempt; {@code logs} are lines the worker logged for it (may be empty). */
    record TaskResult(
            String taskId,
            Integer attempt,
            ReplyStatus status,
            ObjectNode output,
            String reason,
            Long callbackAfterSeconds,
            List<TaskLog> logs)
            implements EngineInput {
        public TaskResult {
            logs = logs == null ? List.of() : List.copyOf(logs);
        }

        /** A reply without log lines. */
        public TaskResult(
                String taskId,
                Integer attempt,
                ReplyStatus status,
                ObjectNode output,
                String reason,
                Long callbackAfterSeconds) {
            this(taskId, attempt, status, output, reason, callbackAfterSeconds, List.of());
        }
    }

    /** Lines a worker logged for a task, sent on their own (Conductor's task log API); they change nothing else. */
    record TaskLogs(String taskId, List<TaskLog> logs) implements EngineInput {
        public TaskLogs {
            logs = logs == null ? List.of() : List.copyOf(logs);
        }
    }

    /** A worker took the task (Conductor's poll): SCHEDULED becomes IN_PROGRESS. */
    record TaskPolled(String taskId) implements EngineInput {}

    /**
     * An external update of a waiting task (WAIT, HUMAN, or a task with asyncComplete): by
     * reference name, or — when {@code taskRef} is null — the task the workflow is blocked on.
     */
    /**
     * A domain event the bridge correlated to this instance: it completes or fails the step
     * {@code taskRef} (an observed step, or a commanded one whose event is accepted as its reply).
     * An event for a step not reached yet waits in the instance until the step is scheduled; one
     * for a step already ended is recorded and ignored.
     *
     * @param eventId where the event came from (topic-partition-offset), for the history and de-duplication
     * @param source  the event source's name
     */
    record DomainEvent(
            String eventId, String source, String taskRef, ReplyStatus status, ObjectNode payload, String reason)
            implements EngineInput {}

    /**
     * @param replaceOutput the output given replaces the task's (Conductor's update by task id); otherwise it is added
     *     to it (an update by reference, a workflow-level signal)
     */
    record Signal(String taskRef, ReplyStatus status, ObjectNode output, String reason, boolean replaceOutput)
            implements EngineInput {
        /** A signal whose output is added to the task's. */
        public Signal(String taskRef, ReplyStatus status, ObjectNode output, String reason) {
            this(taskRef, status, output, reason, false);
        }
    }

    /** A child workflow started by a SUB_WORKFLOW task reached a terminal status. */
    record ChildFinished(
            String parentTaskId, String childWorkflowId, WorkflowStatus status, ObjectNode output, String reason)
            implements EngineInput {}

    /** Go on deciding where an earlier step stopped at its budget ({@link dev.baton.engine.effect.Effect.Continue}). */
    record Continue() implements EngineInput {}

    /** A timer the engine set earlier is due. */
    record TimerFired(String timerId) implements EngineInput {}

    record Pause(String reason) implements EngineInput {}

    /**
     * Conductor's resetcallbacks: worker tasks waiting out the {@code callbackAfterSeconds} of an IN_PROGRESS update
     * show no callback any more (the task gateway hands them out at once). Changes nothing else.
     */
    record ResetCallbacks() implements EngineInput {}

    record Resume(String reason) implements EngineInput {}

    record Terminate(String reason) implements EngineInput {}

    /**
     * Remove the instance and everything it stored, in any status (Conductor's
     * {@code DELETE /workflow/{id}}); a WORKFLOW_DELETED event records it. Needs no definition.
     */
    record Delete(String reason) implements EngineInput {}

    /**
     * A finished instance's retention is checked against {@code retentionMillis}: it is removed when it ended at least
     * that long ago, and stays when it runs again since (restarted, retried) or ended later. Needs no definition. The
     * retention timer the engine sets when an instance ends decides the same, with the engine's own retention, when
     * it fires ({@link TimerFired} of {@code WorkflowEngine.RETENTION_TIMER}).
     */
    record Expire(long retentionMillis) implements EngineInput {}

    /** The runtime could not go on with this instance (an internal error): it ends FAILED with the reason. */
    record Fail(String reason) implements EngineInput {}

    /** Run a terminal workflow again from the beginning, with the same id and input. */
    record Restart(boolean useLatestDefinition) implements EngineInput {}

    /** Retry the failed task(s) of a FAILED, TIMED_OUT or TERMINATED workflow and run on from there. */
    record Retry(boolean resumeSubworkflowTasks) implements EngineInput {}

    /**
     * Run a workflow again from a task (by reference; null = from the beginning), dropping that
     * task and everything after it; new task input and workflow input are optional.
     */
    record Rerun(String fromTaskRef, ObjectNode taskInput, ObjectNode workflowInput, String correlationId)
            implements EngineInput {
        /** Without a new correlation id: the workflow keeps its own. */
        public Rerun(String fromTaskRef, ObjectNode taskInput, ObjectNode workflowInput) {
            this(fromTaskRef, taskInput, workflowInput, null);
        }
    }

    /** Skip a task that has not been scheduled yet: when its turn comes it is SKIPPED with this output. */
    record SkipTask(String taskRef, ObjectNode taskInput, ObjectNode taskOutput) implements EngineInput {}

    /**
     * Merge values into the workflow's variables (an event handler's update_workflow_variables,
     * or an operator). With {@code appendArray}, a value given for a variable that already holds
     * an array is appended to it (an array's elements one by one) instead of replacing it.
     */
    record UpdateVariables(ObjectNode variables, boolean appendArray) implements EngineInput {}

    /**
     * The status a service reports for a task attempt. CANCELED (Conductor's TaskResult allows it)
     * ends the task CANCELED, and with it the workflow, TERMINATED.
     */
    enum ReplyStatus {
        COMPLETED,
        FAILED,
        FAILED_WITH_TERMINAL_ERROR,
        IN_PROGRESS,
        CANCELED
    }
}
