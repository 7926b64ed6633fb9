package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/**
 * Conductor's {@code WorkflowStatus} ({@code GET /api/workflow/{id}/status}): the status, with
 * output and variables only when asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowStatusSummary(
        String workflowId,
        @Nullable String correlationId,
        @Nullable ObjectNode output,
        @Nullable ObjectNode variables,
        String status) {}
