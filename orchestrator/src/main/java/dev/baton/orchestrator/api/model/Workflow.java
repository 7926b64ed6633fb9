package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Conductor's {@code Workflow}: one workflow instance with its tasks (empty unless asked for) and
 * the definition it runs. {@code workflowName} and {@code workflowVersion} are derived from the
 * definition (Conductor's client reads them through getters only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workflow(
        String ownerApp,
        Long createTime,
        Long updateTime,
        String createdBy,
        String updatedBy,
        String status,
        long endTime,
        String workflowId,
        String parentWorkflowId,
        String parentWorkflowTaskId,
        List<Task> tasks,
        ObjectNode input,
        ObjectNode output,
        String correlationId,
        String reRunFromWorkflowId,
        String reasonForIncompletion,
        String event,
        Map<String, String> taskToDomain,
        List<String> failedReferenceTaskNames,
        WorkflowDef workflowDefinition,
        String externalInputPayloadStoragePath,
        String externalOutputPayloadStoragePath,
        int priority,
        ObjectNode variables,
        long lastRetriedTime,
        List<String> failedTaskNames,
        List<Workflow> history,
        String idempotencyKey,
        String rateLimitKey,
        boolean rateLimited,
        long startTime,
        String workflowName,
        int workflowVersion) {
}
