package dev.baton.orchestrator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowControl;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one handler action and one event into the command that carries it out. Parameters
 * ({@code ${workflowId}}, {@code ${$.data.id}}...) are JSONPath over the payload, resolved as
 * workflow parameters are (a value that is exactly one expression keeps its JSON type). As in
 * Conductor, a started workflow's input and a completed task's output also get
 * {@code conductor.event.messageId} and {@code conductor.event.name}.
 *
 * <p>Ids are deterministic: the command id is the caller's ({@code topic-partition-offset-handler-action}),
 * and a started workflow's id is derived from it, so that a redelivered event writes the same
 * commands again and cannot start a second instance.
 */
public final class ActionCommands {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String MESSAGE_ID = "conductor.event.messageId";
    static final String EVENT_NAME = "conductor.event.name";

    private ActionCommands() {}

    /** An action that cannot become a command for this event (a parameter resolved to nothing...). */
    public static final class ActionException extends Exception {
        public ActionException(String message) {
            super(message);
        }
    }

    /** What the action is applied to: the event and where it came from. */
    public record Event(String name, String messageId, JsonNode payload) {}

    /** The command id of action {@code index} of a handler for the record at topic/partition/offset. */
    public static String commandId(String topic, int partition, long offset, String handler, int index) {
        return topic + "-" + partition + "-" + offset + "-" + handler + "-" + index;
    }

    /**
     * As Conductor: the handler's taskToDomain, else the one the event carries (an EVENT task's
     * payload carries its workflow's); null when neither gives one.
     */
    private static Map<String, String> taskToDomain(EventHandler.StartWorkflow sw, JsonNode payload) {
        if (sw.taskToDomain() != null) {
            return sw.taskToDomain().isEmpty() ? null : sw.taskToDomain();
        }
        JsonNode given = payload == null ? null : payload.get("taskToDomain");
        if (given == null || !given.isObject() || given.isEmpty()) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        given.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        });
        return out.isEmpty() ? null : out;
    }

    /** The id of the workflow a start_workflow command with this command id starts. */
    public static String workflowIdFor(String commandId) {
        return UUID.nameUUIDFromBytes(("event:" + commandId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The command for one action. */
    public static WorkflowControl build(
            EventHandler handler, EventHandler.Action action, Event event, String commandId, long now)
            throws ActionException {
        JsonNode payload = action.expandInlineJSON() ? InlineJson.expand(event.payload()) : event.payload();
        WorkflowControl.Builder b = WorkflowControl.newBuilder()
                .setCommandId(commandId)
                .setRequestedBy("event-handler:" + handler.name())
                .setTimestamp(now);
        String kind = action.action().json();
        switch (action.action()) {
            case START_WORKFLOW -> {
                EventHandler.StartWorkflow sw = require(action.startWorkflow(), kind);
                ObjectNode input = ParameterResolver.resolve(sw.input(), payload);
                input.put(MESSAGE_ID, event.messageId());
                input.put(EVENT_NAME, event.name());
                b.setWorkflowId(workflowIdFor(commandId))
                        .setType(ControlType.START)
                        .setWorkflowName(sw.name())
                        .setWorkflowVersion(sw.version())
                        .setInput(input.toString())
                        .setCorrelationId(text(sw.correlationId(), payload))
                        .setTaskToDomain(taskToDomain(sw, payload));
            }
            case COMPLETE_TASK, FAIL_TASK -> {
                EventHandler.TaskDetails td = require(
                        action.action() == EventHandler.ActionType.COMPLETE_TASK
                                ? action.completeTask()
                                : action.failTask(),
                        kind);
                ObjectNode template = NODES.objectNode();
                template.put("workflowId", td.workflowId());
                template.put("taskRefName", td.taskRefName());
                template.put("taskId", td.taskId());
                if (td.output() != null) {
                    template.setAll(td.output());
                }
                ObjectNode output = ParameterResolver.resolve(template, payload);
                String workflowId = textOf(output.get("workflowId"));
                String taskRef = textOf(output.get("taskRefName"));
                String taskId = textOf(output.get("taskId"));
                if (workflowId == null) {
                    throw new ActionException(kind + ".workflowId resolved to no value");
                }
                if (taskRef == null && taskId == null) {
                    throw new ActionException(kind + ".taskRefName and taskId resolved to no value");
                }
                for (String key : new String[] {"workflowId", "taskRefName", "taskId"}) {
                    if (output.get(key) == null || output.get(key).isNull()) {
                        output.remove(key);
                    }
                }
                output.put(MESSAGE_ID, event.messageId());
                output.put(EVENT_NAME, event.name());
                boolean fail = action.action() == EventHandler.ActionType.FAIL_TASK;
                b.setWorkflowId(workflowId)
                        .setType(ControlType.SIGNAL)
                        .setTaskRef(taskRef)
                        .setTaskId(taskRef == null ? taskId : null)
                        .setTaskStatus(fail ? TaskReplyStatus.FAILED : TaskReplyStatus.COMPLETED)
                        .setTaskOutput(output.toString())
                        .setReason(fail ? "failed by event handler " + handler.name() + " on " + event.name() : null);
            }
            case TERMINATE_WORKFLOW -> {
                EventHandler.TerminateWorkflow tw = require(action.terminateWorkflow(), kind);
                String workflowId = requireText(tw.workflowId(), payload, kind + ".workflowId");
                String reason = text(tw.terminationReason(), payload);
                b.setWorkflowId(workflowId)
                        .setType(ControlType.TERMINATE)
                        .setReason(
                                reason != null
                                        ? reason
                                        : "terminated by event handler " + handler.name() + " on " + event.name());
            }
            case UPDATE_WORKFLOW_VARIABLES -> {
                EventHandler.UpdateWorkflowVariables uv = require(action.updateWorkflowVariables(), kind);
                String workflowId = requireText(uv.workflowId(), payload, kind + ".workflowId");
                ObjectNode variables = ParameterResolver.resolve(uv.variables(), payload);
                if (variables.isEmpty()) {
                    throw new ActionException(kind + ".variables is empty");
                }
                b.setWorkflowId(workflowId)
                        .setType(ControlType.UPDATE_VARIABLES)
                        .setInput(variables.toString())
                        .setAppendArray(Boolean.TRUE.equals(uv.appendArray()));
            }
        }
        return b.build();
    }

    private static <T> T require(T params, String kind) throws ActionException {
        if (params == null) {
            throw new ActionException("action " + kind + " has no '" + kind + "' parameters");
        }
        return params;
    }

    private static String requireText(String template, JsonNode payload, String what) throws ActionException {
        String v = text(template, payload);
        if (v == null) {
            throw new ActionException(what + " resolved to no value");
        }
        return v;
    }

    /** A text template resolved against the payload; null when it resolves to nothing. */
    static String text(String template, JsonNode payload) {
        return template == null ? null : textOf(ParameterResolver.resolveValue(TextNode.valueOf(template), payload));
    }

    private static String textOf(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        return s.isBlank() ? null : s;
    }
}
