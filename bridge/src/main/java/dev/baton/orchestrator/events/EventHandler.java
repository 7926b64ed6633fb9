package dev.baton.orchestrator.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Conductor's EventHandler document: when a record arrives for {@code event} and the
 * {@code condition} holds, the {@code actions} run. Field names are Conductor's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventHandler(
        String name, String event, String condition, String evaluatorType, List<Action> actions, boolean active) {

    /** The kinds of action Conductor knows. */
    public enum ActionType {
        START_WORKFLOW,
        COMPLETE_TASK,
        FAIL_TASK,
        TERMINATE_WORKFLOW,
        UPDATE_WORKFLOW_VARIABLES;

        /** The JSON spelling: {@code start_workflow}, {@code complete_task}... */
        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        public static ActionType of(String json) {
            for (ActionType t : values()) {
                if (t.json().equals(json)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown action " + json);
        }
    }

    /** One action; only the block named by {@code action} is used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(
            ActionType action,
            @JsonProperty("start_workflow") StartWorkflow startWorkflow,
            @JsonProperty("complete_task") TaskDetails completeTask,
            @JsonProperty("fail_task") TaskDetails failTask,
            @JsonProperty("terminate_workflow") TerminateWorkflow terminateWorkflow,
            @JsonProperty("update_workflow_variables") UpdateWorkflowVariables updateWorkflowVariables,
            @JsonProperty("expandInlineJSON") boolean expandInlineJSON) {}

    /** start_workflow: which workflow, and its input and correlation id as templates over the event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StartWorkflow(
            String name, Integer version, String correlationId, ObjectNode input, Map<String, String> taskToDomain) {}

    /** complete_task / fail_task: the task, by workflow and reference name or by task id, and its output. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskDetails(String workflowId, String taskRefName, String taskId, ObjectNode output) {}

    /** terminate_workflow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TerminateWorkflow(String workflowId, String terminationReason) {}

    /** update_workflow_variables. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateWorkflowVariables(String workflowId, ObjectNode variables, Boolean appendArray) {}
}
