package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Conductor's {@code WorkflowSummary}, a workflow search hit: times as ISO-8601 UTC text, input and
 * output as JSON text, failed reference names comma-separated. {@code inputSize} and
 * {@code outputSize} are the lengths of those texts (read through getters only by Conductor's client).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSummary(
        String workflowType,
        int version,
        String workflowId,
        @Nullable String correlationId,
        String startTime,
        String updateTime,
        @Nullable String endTime,
        String status,
        String input,
        String output,
        @Nullable String reasonForIncompletion,
        long executionTime,
        @Nullable String event,
        String failedReferenceTaskNames,
        @Nullable String externalInputPayloadStoragePath,
        @Nullable String externalOutputPayloadStoragePath,
        int priority,
        List<String> failedTaskNames,
        @Nullable String createdBy,
        long inputSize,
        long outputSize) {}
