package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventMatch;
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
        String description,
        ObjectNode inputParameters,
        String type,
        String dynamicTaskNameParam,
        String caseValueParam,
        String caseExpression,
        Map<String, List<WorkflowTask>> decisionCases,
        String dynamicForkTasksParam,
        String dynamicForkTasksInputParamName,
        List<WorkflowTask> defaultCase,
        List<List<WorkflowTask>> forkTasks,
        int startDelay,
        JsonNode subWorkflowParam,
        List<String> joinOn,
        String sink,
        boolean optional,
        TaskDef taskDefinition,
        List<String> defaultExclusiveJoinTask,
        Boolean asyncComplete,
        String loopCondition,
        List<WorkflowTask> loopOver,
        Integer retryCount,
        String evaluatorType,
        String expression,
        ObjectNode onStateChange,
        boolean permissive,
        JsonNode items,
        JsonNode compensation,
        String mode,
        EventMatch completeOn,
        EventMatch failOn,
        Integer expectedDurationSeconds) {
}
