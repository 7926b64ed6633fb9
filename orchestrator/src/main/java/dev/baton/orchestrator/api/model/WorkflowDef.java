package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventSource;
import java.util.List;

/**
 * Conductor's {@code WorkflowDef} with Conductor's defaults filled in. {@code eventSources} is
 * Baton's (the bridge's bindings): present only when the definition has some.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDef(
        String ownerApp,
        Long createTime,
        Long updateTime,
        String createdBy,
        String updatedBy,
        String name,
        String description,
        int version,
        List<WorkflowTask> tasks,
        List<String> inputParameters,
        ObjectNode outputParameters,
        String failureWorkflow,
        int schemaVersion,
        boolean restartable,
        boolean workflowStatusListenerEnabled,
        String ownerEmail,
        String timeoutPolicy,
        long timeoutSeconds,
        ObjectNode variables,
        ObjectNode inputTemplate,
        boolean enforceSchema,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EventSource> eventSources) {
}
