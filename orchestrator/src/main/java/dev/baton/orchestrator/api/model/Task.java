package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conductor's {@code Task}: one execution of one task of a workflow, as workers poll it and as it
 * appears in a workflow's task list. {@code taskDefinition}, {@code loopOverTask} and
 * {@code queueWaitTime} are derived values Conductor writes too (its client reads them through
 * getters only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
        String taskType,
        String status,
        ObjectNode inputData,
        String referenceTaskName,
        int retryCount,
        int seq,
        String correlationId,
        int pollCount,
        String taskDefName,
        long scheduledTime,
        long startTime,
        long endTime,
        long updateTime,
        int startDelayInSeconds,
        String retriedTaskId,
        boolean retried,
        boolean executed,
        boolean callbackFromWorker,
        long responseTimeoutSeconds,
        String workflowInstanceId,
        String workflowType,
        String taskId,
        String reasonForIncompletion,
        long callbackAfterSeconds,
        String workerId,
        ObjectNode outputData,
        WorkflowTask workflowTask,
        String domain,
        int rateLimitPerFrequency,
        int rateLimitFrequencyInSeconds,
        String externalInputPayloadStoragePath,
        String externalOutputPayloadStoragePath,
        int workflowPriority,
        String executionNameSpace,
        String isolationGroupId,
        int iteration,
        String subWorkflowId,
        boolean subworkflowChanged,
        String parentTaskId,
        TaskDef taskDefinition,
        boolean loopOverTask,
        long queueWaitTime) {
}
