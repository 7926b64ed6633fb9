package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Conductor's {@code TaskDef} with Conductor's defaults filled in. The last fields are Baton's
 * (and {@code maxRetryDelaySeconds}, which newer Conductor servers know): present only when the
 * definition sets them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDef(
        String ownerApp,
        Long createTime,
        Long updateTime,
        String createdBy,
        String updatedBy,
        String name,
        String description,
        int retryCount,
        long timeoutSeconds,
        List<String> inputKeys,
        List<String> outputKeys,
        String timeoutPolicy,
        String retryLogic,
        int retryDelaySeconds,
        long responseTimeoutSeconds,
        Integer concurrentExecLimit,
        ObjectNode inputTemplate,
        Integer rateLimitPerFrequency,
        Integer rateLimitFrequencyInSeconds,
        String isolationGroupId,
        String executionNameSpace,
        String ownerEmail,
        Integer pollTimeoutSeconds,
        Integer backoffScaleFactor,
        String baseType,
        boolean enforceSchema,
        Integer maxRetryDelaySeconds,
        String commandTopic,
        String payloadFormat,
        String commandSchemaSubject,
        Integer retryJitterMillis,
        String commandKey,
        String replyTopic) {
}
