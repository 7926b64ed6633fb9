package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        String correlationId,
        String startTime,
        String updateTime,
        String endTime,
        String status,
        String input,
        String output,
        String reasonForIncompletion,
        long executionTime,
        String event,
        String failedReferenceTaskNames,
        String externalInputPayloadStoragePath,
        String externalOutputPayloadStoragePath,
        int priority,
        List<String> failedTaskNames,
        String createdBy,
        long inputSize,
        long outputSize) {
}
