package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Conductor's {@code WorkflowRun} (a {@code SignalResponse}): what a synchronous execution answers —
 * the workflow's state when it finished or blocked, or when the wait ran out ({@code signalTimeout}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowRun(
        String responseType,
        String targetWorkflowId,
        String targetWorkflowStatus,
        String requestId,
        String workflowId,
        @Nullable String correlationId,
        @Nullable ObjectNode input,
        @Nullable ObjectNode output,
        boolean signalTimeout,
        int priority,
        @Nullable ObjectNode variables,
        List<Task> tasks,
        @Nullable String createdBy,
        long createTime,
        String status,
        long updateTime) {}
