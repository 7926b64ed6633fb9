package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One task of a workflow definition (Conductor's WorkflowTask). Operator-specific fields
 * (decision cases, fork branches, loop condition, sub-workflow parameters) are kept as
 * declared; the engine interprets them per {@link #typeOrDefault() type}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTask(
        String name,
        String taskReferenceName,
        String description,
        String type,
        ObjectNode inputParameters,
        Boolean optional,
        Integer startDelay,
        Boolean asyncComplete,
        Integer retryCount,
        String caseValueParam,
        String caseExpression,
        String evaluatorType,
        String expression,
        Map<String, List<WorkflowTask>> decisionCases,
        List<WorkflowTask> defaultCase,
        List<List<WorkflowTask>> forkTasks,
        List<String> joinOn,
        /* EXCLUSIVE_JOIN: the tasks whose output it takes when none of joinOn ran (the first that ran wins). */
        List<String> defaultExclusiveJoinTask,
        String dynamicTaskNameParam,
        String dynamicForkTasksParam,
        String dynamicForkTasksInputParamName,
        String loopCondition,
        List<WorkflowTask> loopOver,
        /* DO_WHILE over a list: an expression (or a literal list); each pass sees output.loopItem and output.loopIndex. */
        JsonNode items,
        JsonNode subWorkflowParam,
        String sink,
        TaskDef taskDefinition,
        /*
         * Baton extension (saga compensation): the step that undoes this one when the workflow fails
         * after it completed — a task name, or a task object with name and inputParameters.
         */
        JsonNode compensation,
        /*
         * Baton bridge: "command" (default: Baton sends the task's command) or "observe" (Baton sends
         * nothing; the step ends when its completeOn / failOn event arrives).
         */
        String mode,
        /* Baton bridge: the domain event that completes this step (in command mode it is accepted as the reply). */
        EventMatch completeOn,
        /* Baton bridge: the domain event that fails this step. */
        EventMatch failOn,
        /* Baton bridge: the SLA — when the step runs longer, an SLA_BREACHED event is recorded (the flow is untouched). */
        Integer expectedDurationSeconds,
        /*
         * Conductor: when this task fails for good, the flow goes on; a JOIN on it fails once all it joins on have
         * ended, and a workflow that reaches its end with such a failure fails then.
         */
        Boolean permissive,
        /* Every other field of the document, kept as written ({@link Extras}). */
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public WorkflowTask {
        extra = Extras.copy(extra);
    }

    /** This definition with one of its unread fields set (null removes it). */
    public WorkflowTask withExtra(String field, JsonNode value) {
        return new WorkflowTask(
                name,
                taskReferenceName,
                description,
                type,
                inputParameters,
                optional,
                startDelay,
                asyncComplete,
                retryCount,
                caseValueParam,
                caseExpression,
                evaluatorType,
                expression,
                decisionCases,
                defaultCase,
                forkTasks,
                joinOn,
                defaultExclusiveJoinTask,
                dynamicTaskNameParam,
                dynamicForkTasksParam,
                dynamicForkTasksInputParamName,
                loopCondition,
                loopOver,
                items,
                subWorkflowParam,
                sink,
                taskDefinition,
                compensation,
                mode,
                completeOn,
                failOn,
                expectedDurationSeconds,
                permissive,
                Extras.with(extra, field, value));
    }

    /** Values of {@link #mode()}. */
    public static final String OBSERVE = "observe";

    public static final String COMMAND = "command";

    /** True when Baton only watches this step: no command is sent, the step's events end it. */
    @JsonIgnore
    public boolean isObserved() {
        return OBSERVE.equalsIgnoreCase(mode);
    }

    /** The task type, SIMPLE when the document leaves it out (as Conductor does). */
    public String typeOrDefault() {
        return type == null || type.isBlank() ? TaskKind.SIMPLE.typeName() : type;
    }

    /** The kind of task: SIMPLE when the document leaves the type out, UNKNOWN for a type Conductor does not define. */
    @JsonIgnore
    public TaskKind kind() {
        return TaskKind.of(typeOrDefault());
    }

    public boolean isOptional() {
        return Boolean.TRUE.equals(optional);
    }

    /**
     * Permissive and not optional (an optional task's failure completes it with errors instead). Not named
     * isPermissive: Jackson would take it for the property's accessor.
     */
    public boolean failsPermissively() {
        return Boolean.TRUE.equals(permissive) && !isOptional();
    }
}
