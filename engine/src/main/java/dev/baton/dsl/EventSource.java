package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Baton bridge: an existing topic bound to a workflow. Each matching event does one action on the
 * instance its business key names: {@code start_workflow} (a new instance, unless one exists for the
 * key), {@code complete_task} / {@code fail_task} (the task {@code taskRef}), {@code signal}
 * (a WAIT or HUMAN task, {@code taskRef}), or {@code update_variables}. Declared in a workflow
 * definition ({@code eventSources}) or as its own resource (then {@code workflowName} says which
 * workflow it feeds).
 *
 * @param name            unique within the definition (or among resources)
 * @param workflowName    for a stand-alone resource: the workflow it feeds (in a definition: that definition)
 * @param topic           see {@link EventMatch}
 * @param format          see {@link EventMatch}
 * @param correlationKey  see {@link EventMatch}
 * @param correlationHeader see {@link EventMatch}
 * @param condition       see {@link EventMatch}
 * @param action          start_workflow | complete_task | fail_task | signal | update_variables
 * @param taskRef         the task the action addresses (complete_task, fail_task, signal)
 * @param inputParameters start_workflow: the new instance's input, with ${$.path} taken from the event;
 *                        update_variables: the variables to set; default: the whole payload
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSource(
        String name,
        String workflowName,
        String topic,
        String format,
        String correlationKey,
        String correlationHeader,
        String condition,
        String action,
        String taskRef,
        ObjectNode inputParameters) {

    /** The actions a source may take. */
    public enum Action {
        START_WORKFLOW,
        COMPLETE_TASK,
        FAIL_TASK,
        SIGNAL,
        UPDATE_VARIABLES;

        public static Action parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public Action actionType() {
        return Action.parse(action);
    }

    public EventMatch match() {
        return new EventMatch(topic, format, correlationKey, correlationHeader, condition);
    }

    /** The source a task's completeOn / failOn stands for. */
    public static EventSource forTask(WorkflowTask task, EventMatch m, Action action) {
        String name = task.taskReferenceName() + (action == Action.COMPLETE_TASK ? ".completeOn" : ".failOn");
        return new EventSource(
                name,
                null,
                m.topic(),
                m.format(),
                m.correlationKey(),
                m.correlationHeader(),
                m.condition(),
                action.name().toLowerCase(Locale.ROOT),
                task.taskReferenceName(),
                null);
    }
}
