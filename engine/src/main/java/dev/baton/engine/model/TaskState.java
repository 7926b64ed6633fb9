package dev.baton.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public TaskState() {
    }

    public TaskState copy() {
        TaskState c = new TaskState();
        c.taskId = taskId; c.referenceTaskName = referenceTaskName; c.taskDefName = taskDefName; c.taskType = taskType;
        c.status = status; c.retryCount = retryCount; c.defIndex = defIndex;
        c.inputData = inputData == null ? null : inputData.deepCopy();
        c.outputData = outputData == null ? null : outputData.deepCopy();
        c.reasonForIncompletion = reasonForIncompletion; c.scheduledTime = scheduledTime; c.startTime = startTime;
        c.endTime = endTime; c.retried = retried; c.awaitingDispatch = awaitingDispatch;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskState t && Objects.equals(taskId, t.taskId)
                && Objects.equals(referenceTaskName, t.referenceTaskName)
                && Objects.equals(taskDefName, t.taskDefName) && Objects.equals(taskType, t.taskType)
                && status == t.status && retryCount == t.retryCount && defIndex == t.defIndex
                && Objects.equals(inputData, t.inputData) && Objects.equals(outputData, t.outputData)
                && Objects.equals(reasonForIncompletion, t.reasonForIncompletion)
                && scheduledTime == t.scheduledTime && startTime == t.startTime && endTime == t.endTime
                && retried == t.retried && awaitingDispatch == t.awaitingDispatch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, retryCount, status);
    }

    /** The attempt number carried in headers: Conductor's retryCount, starting at 0. */
    public int attempt() {
        return retryCount;
    }
}
