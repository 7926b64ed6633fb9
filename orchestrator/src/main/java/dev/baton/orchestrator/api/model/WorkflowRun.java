package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        String correlationId,
        ObjectNode input,
        ObjectNode output,
        boolean signalTimeout,
        int priority,
        ObjectNode variables,
        List<Task> tasks,
        String createdBy,
        long createTime,
        String status,
        long updateTime) {
}
