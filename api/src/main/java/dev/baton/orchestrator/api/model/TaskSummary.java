package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;

/**
 * Conductor's {@code TaskSummary}, a task search hit: times as ISO-8601 UTC text, input and output
 * as JSON text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSummary(
        String workflowId,
        String workflowType,
        @Nullable String correlationId,
        String scheduledTime,
        @Nullable String startTime,
        String updateTime,
        @Nullable String endTime,
        String status,
        @Nullable String reasonForIncompletion,
        long executionTime,
        long queueWaitTime,
        String taskDefName,
        String taskType,
        String input,
        String output,
        String taskId,
        @Nullable String externalInputPayloadStoragePath,
        @Nullable String externalOutputPayloadStoragePath,
        int workflowPriority) {}
