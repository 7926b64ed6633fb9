package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventSource;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Conductor's {@code WorkflowDef} with Conductor's defaults filled in (and the fields Baton keeps without reading them). {@code eventSources} is
 * Baton's (the bridge's bindings): present only when the definition has some.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDef(
        @Nullable String ownerApp,
        @Nullable Long createTime,
        @Nullable Long updateTime,
        @Nullable String createdBy,
        @Nullable String updatedBy,
        String name,
        @Nullable String description,
        int version,
        List<WorkflowTask> tasks,
        List<String> inputParameters,
        ObjectNode outputParameters,
        @Nullable String failureWorkflow,
        int schemaVersion,
        boolean restartable,
        boolean workflowStatusListenerEnabled,
        @Nullable String ownerEmail,
        String timeoutPolicy,
        long timeoutSeconds,
        ObjectNode variables,
        ObjectNode inputTemplate,
        boolean enforceSchema,
        @Nullable Integer failureWorkflowVersion,
        @Nullable String workflowStatusListenerSink,
        @Nullable JsonNode rateLimitConfig,
        @Nullable JsonNode inputSchema,
        @Nullable JsonNode outputSchema,
        JsonNode metadata,
        @Nullable JsonNode cacheConfig,
        JsonNode maskedFields,

        @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<EventSource> eventSources) {}
