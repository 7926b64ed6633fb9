package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventMatch;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Conductor's {@code WorkflowTask} (one task of a definition) with Conductor's defaults filled in.
 * The last fields are Baton's (DO_WHILE over {@code items}, saga {@code compensation}, the
 * bridge's {@code mode}, {@code completeOn}, {@code failOn}, {@code expectedDurationSeconds}):
 * present only when the definition sets them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTask(
        String name,
        String taskReferenceName,
        @Nullable String description,
        ObjectNode inputParameters,
        String type,
        @Nullable String dynamicTaskNameParam,
        @Nullable String caseValueParam,
        @Nullable String caseExpression,
        Map<String, List<WorkflowTask>> decisionCases,
        @Nullable String dynamicForkTasksParam,
        @Nullable String dynamicForkTasksInputParamName,
        List<WorkflowTask> defaultCase,
        List<List<WorkflowTask>> forkTasks,
        int startDelay,
        @Nullable JsonNode subWorkflowParam,
        List<String> joinOn,
        @Nullable String sink,
        boolean optional,
        @Nullable TaskDef taskDefinition,
        List<String> defaultExclusiveJoinTask,
        Boolean asyncComplete,
        @Nullable String loopCondition,
        List<WorkflowTask> loopOver,
        @Nullable Integer retryCount,
        @Nullable String evaluatorType,
        @Nullable String expression,
        ObjectNode onStateChange,
        boolean permissive,
        @Nullable JsonNode items,
        @Nullable JsonNode compensation,
        @Nullable String mode,
        @Nullable EventMatch completeOn,
        @Nullable EventMatch failOn,
        @Nullable Integer expectedDurationSeconds,
        JsonNode metadata,
        @Nullable JsonNode cacheConfig,
        @Nullable Boolean rateLimited,
        @Nullable String joinStatus,
        @Nullable String joinMode,
        @Nullable String scriptExpression) {}
