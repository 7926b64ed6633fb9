package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

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
        @Nullable String correlationId,
        int pollCount,
        String taskDefName,
        long scheduledTime,
        long startTime,
        long endTime,
        long updateTime,
        int startDelayInSeconds,
        @Nullable String retriedTaskId,
        boolean retried,
        boolean executed,
        boolean callbackFromWorker,
        long responseTimeoutSeconds,
        String workflowInstanceId,
        String workflowType,
        String taskId,
        @Nullable String reasonForIncompletion,
        long callbackAfterSeconds,
        @Nullable String workerId,
        ObjectNode outputData,
        WorkflowTask workflowTask,
        @Nullable String domain,
        int rateLimitPerFrequency,
        int rateLimitFrequencyInSeconds,
        @Nullable String externalInputPayloadStoragePath,
        @Nullable String externalOutputPayloadStoragePath,
        int workflowPriority,
        @Nullable String executionNameSpace,
        @Nullable String isolationGroupId,
        int iteration,
        @Nullable String subWorkflowId,
        boolean subworkflowChanged,
        @Nullable String parentTaskId,
        TaskDef taskDefinition,
        boolean loopOverTask,
        long queueWaitTime,
        /* the values of the secrets and environment names its task definition declares (runtimeMetadata): on a poll */
        @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> runtimeMetadata) {

    /** This task with the declared secrets and environment values a worker gets on its poll. */
    public Task withRuntimeMetadata(Map<String, String> values) {
        return new Task(
                taskType,
                status,
                inputData,
                referenceTaskName,
                retryCount,
                seq,
                correlationId,
                pollCount,
                taskDefName,
                scheduledTime,
                startTime,
                endTime,
                updateTime,
                startDelayInSeconds,
                retriedTaskId,
                retried,
                executed,
                callbackFromWorker,
                responseTimeoutSeconds,
                workflowInstanceId,
                workflowType,
                taskId,
                reasonForIncompletion,
                callbackAfterSeconds,
                workerId,
                outputData,
                workflowTask,
                domain,
                rateLimitPerFrequency,
                rateLimitFrequencyInSeconds,
                externalInputPayloadStoragePath,
                externalOutputPayloadStoragePath,
                workflowPriority,
                executionNameSpace,
                isolationGroupId,
                iteration,
                subWorkflowId,
                subworkflowChanged,
                parentTaskId,
                taskDefinition,
                loopOverTask,
                queueWaitTime,
                values);
    }
}
