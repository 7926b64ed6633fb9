package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Conductor's {@code TaskDef} with Conductor's defaults filled in (and the fields Baton keeps without reading
 * them). {@code commandTopic}, {@code payloadFormat}, {@code commandSchemaSubject}, {@code commandKey} and
 * {@code replyTopic} are Baton's: present only when the definition sets them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDef(
        @Nullable String ownerApp,
        @Nullable Long createTime,
        @Nullable Long updateTime,
        @Nullable String createdBy,
        @Nullable String updatedBy,
        String name,
        @Nullable String description,
        int retryCount,
        long timeoutSeconds,
        List<String> inputKeys,
        List<String> outputKeys,
        String timeoutPolicy,
        String retryLogic,
        int retryDelaySeconds,
        long responseTimeoutSeconds,
        @Nullable Integer concurrentExecLimit,
        ObjectNode inputTemplate,
        Integer rateLimitPerFrequency,
        Integer rateLimitFrequencyInSeconds,
        @Nullable String isolationGroupId,
        @Nullable String executionNameSpace,
        @Nullable String ownerEmail,
        @Nullable Integer pollTimeoutSeconds,
        Integer backoffScaleFactor,
        @Nullable String baseType,
        boolean enforceSchema,
        @Nullable Integer maxRetryDelaySeconds,
        @Nullable String commandTopic,
        @Nullable String payloadFormat,
        @Nullable String commandSchemaSubject,
        @Nullable Integer backoffJitterMs,
        @Nullable String commandKey,
        @Nullable String replyTopic,
        @Nullable Long totalTimeoutSeconds,
        JsonNode runtimeMetadata,
        boolean taskStatusListenerEnabled,
        @Nullable JsonNode inputSchema,
        @Nullable JsonNode outputSchema) {}
