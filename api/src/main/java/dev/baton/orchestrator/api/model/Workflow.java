package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Conductor's {@code Workflow}: one workflow instance with its tasks (empty unless asked for) and
 * the definition it runs. {@code workflowName} and {@code workflowVersion} are derived from the
 * definition (Conductor's client reads them through getters only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workflow(
        @Nullable String ownerApp,
        Long createTime,
        Long updateTime,
        @Nullable String createdBy,
        @Nullable String updatedBy,
        String status,
        long endTime,
        String workflowId,
        @Nullable String parentWorkflowId,
        @Nullable String parentWorkflowTaskId,
        List<Task> tasks,
        ObjectNode input,
        ObjectNode output,
        @Nullable String correlationId,
        @Nullable String reRunFromWorkflowId,
        @Nullable String reasonForIncompletion,
        @Nullable String event,
        Map<String, String> taskToDomain,
        List<String> failedReferenceTaskNames,
        WorkflowDef workflowDefinition,
        @Nullable String externalInputPayloadStoragePath,
        @Nullable String externalOutputPayloadStoragePath,
        int priority,
        ObjectNode variables,
        long lastRetriedTime,
        List<String> failedTaskNames,
        List<Workflow> history,
        @Nullable String idempotencyKey,
        @Nullable String rateLimitKey,
        boolean rateLimited,
        long startTime,
        String workflowName,
        int workflowVersion) {}
