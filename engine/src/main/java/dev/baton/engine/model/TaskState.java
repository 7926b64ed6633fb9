package dev.baton.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task execution inside a workflow instance (Conductor's Task). A retry is a new
 * TaskState with the next {@code retryCount}; the failed one stays in the list.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class TaskState {
    public String taskId;
    public String referenceTaskName;
    /** The task definition name (for SIMPLE tasks: the task type services subscribe to). */
    public String taskDefName;
    /** The operator type: SIMPLE, SWITCH, ... */
    public String taskType;

    public TaskStatus status;
    public int retryCount;
    /** Position of the defining WorkflowTask in the workflow definition (top level). */
    public int defIndex;
    /** Reference name of the defining WorkflowTask (without the {@code __N} loop suffix). */
    public String defRef;
    /** DO_WHILE pass this task belongs to (1, 2, ...); 0 outside loops. On a DO_WHILE task: its current pass. */
    public int iteration;
    /** 1-based position in the workflow's task list (Conductor's seq). */
    public int seq;
    /** The attempt this one retries, if any. */
    public String retriedTaskId;
    /**
     * Conductor's callbackAfterSeconds: for a retried attempt, its back-off (until a worker takes it);
     * after an IN_PROGRESS reply, when the worker will report again.
     */
    public long callbackAfterSeconds;
    /** A retried attempt's back-off in seconds (Conductor's startDelayInSeconds); 0 for a first attempt. */
    public int startDelayInSeconds;
    /** When the first attempt of this task was scheduled; later attempts keep it (totalTimeoutSeconds runs from it). */
    public long firstScheduledTime;
    /** How many times a worker took this task. */
    public int pollCount;
    /** SUB_WORKFLOW / START_WORKFLOW: the child's workflow id. */
    public String subWorkflowId;
    /** For a compensation task: the id of the task it undoes. */
    public String compensationOf;
    /** True once the decider has acted on this task's end (scheduled what follows it). */
    public boolean executed;

    public ObjectNode inputData;
    public ObjectNode outputData;
    public String reasonForIncompletion;
    public long scheduledTime;
    public long startTime;
    public long endTime;
    /** True once a newer attempt replaced this one. */
    public boolean retried;
    /** True while the command is held back by a retry delay timer. */
    public boolean awaitingDispatch;
    /** What workers logged for this task (Conductor's task execution logs), oldest first, bounded; null when none. */
    public List<TaskLog> logs;
    /** Bridge: true once this step ran longer than its expectedDurationSeconds (SLA_BREACHED was recorded). */
    public boolean slaBreached;
    /** Position in the instance's task list, kept by its {@link TaskIndex}; not stored. */
    @JsonIgnore
    public transient int pos;

    public TaskState() {}

    public TaskState copy() {
        TaskState c = new TaskState();
        c.taskId = taskId;
        c.referenceTaskName = referenceTaskName;
        c.taskDefName = taskDefName;
        c.taskType = taskType;
        c.status = status;
        c.retryCount = retryCount;
        c.defIndex = defIndex;
        c.inputData = inputData == null ? null : inputData.deepCopy();
        c.outputData = outputData == null ? null : outputData.deepCopy();
        c.reasonForIncompletion = reasonForIncompletion;
        c.scheduledTime = scheduledTime;
        c.startTime = startTime;
        c.endTime = endTime;
        c.retried = retried;
        c.awaitingDispatch = awaitingDispatch;
        c.defRef = defRef;
        c.iteration = iteration;
        c.seq = seq;
        c.retriedTaskId = retriedTaskId;
        c.callbackAfterSeconds = callbackAfterSeconds;
        c.pollCount = pollCount;
        c.subWorkflowId = subWorkflowId;
        c.executed = executed;
        c.compensationOf = compensationOf;
        c.logs = logs == null ? null : new ArrayList<>(logs);
        c.slaBreached = slaBreached;
        c.startDelayInSeconds = startDelayInSeconds;
        c.firstScheduledTime = firstScheduledTime;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskState t
                && Objects.equals(taskId, t.taskId)
                && Objects.equals(referenceTaskName, t.referenceTaskName)
                && Objects.equals(taskDefName, t.taskDefName)
                && Objects.equals(taskType, t.taskType)
                && status == t.status
                && retryCount == t.retryCount
                && defIndex == t.defIndex
                && Objects.equals(inputData, t.inputData)
                && Objects.equals(outputData, t.outputData)
                && Objects.equals(reasonForIncompletion, t.reasonForIncompletion)
                && scheduledTime == t.scheduledTime
                && startTime == t.startTime
                && endTime == t.endTime
                && retried == t.retried
                && awaitingDispatch == t.awaitingDispatch
                && Objects.equals(defRef, t.defRef)
                && iteration == t.iteration
                && seq == t.seq
                && Objects.equals(retriedTaskId, t.retriedTaskId)
                && callbackAfterSeconds == t.callbackAfterSeconds
                && pollCount == t.pollCount
                && Objects.equals(subWorkflowId, t.subWorkflowId)
                && executed == t.executed
                && Objects.equals(compensationOf, t.compensationOf)
                && Objects.equals(logs, t.logs)
                && slaBreached == t.slaBreached
                && startDelayInSeconds == t.startDelayInSeconds
                && firstScheduledTime == t.firstScheduledTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, retryCount, status);
    }

    /**
     * Conductor's task type as Conductor reports it: the task name for worker tasks, FORK for
     * FORK_JOIN and FORK_JOIN_DYNAMIC, the system type otherwise.
     */
    public String conductorType() {
        TaskKind kind = kind();
        if (kind.isWorkerTask()) {
            return taskDefName;
        }
        if (kind.isFork()) {
            return "FORK";
        }
        return taskType;
    }

    /** The kind of task its {@link #taskType} names. */
    public TaskKind kind() {
        return TaskKind.of(taskType);
    }

    /**
     * A worker task handed out before that reported IN_PROGRESS with a {@code callbackAfterSeconds} and waits it out
     * (not a retry waiting for its delay, which is not handed out yet): what Conductor's resetcallbacks resets.
     */
    public boolean waitsForCallback() {
        return status == TaskStatus.SCHEDULED
                && callbackAfterSeconds > 0
                && !awaitingDispatch
                && kind().isSentToWorker();
    }

    /** The attempt number carried in headers: Conductor's retryCount, starting at 0. */
    public int attempt() {
        return retryCount;
    }
}
