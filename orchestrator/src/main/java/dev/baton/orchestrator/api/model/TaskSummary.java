package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Conductor's {@code TaskSummary}, a task search hit: times as ISO-8601 UTC text, input and output
 * as JSON text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSummary(
        String workflowId,
        String workflowType,
        String correlationId,
        String scheduledTime,
        String startTime,
        String updateTime,
        String endTime,
        String status,
        String reasonForIncompletion,
        long executionTime,
        long queueWaitTime,
        String taskDefName,
        String taskType,
        String input,
        String output,
        String taskId,
        String externalInputPayloadStoragePath,
        String externalOutputPayloadStoragePath,
        int workflowPriority) {
}
