package dev.baton.orchestrator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.orchestrator.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes event handler documents. Reading validates: a document Baton could not carry
 * out is refused with a 400 naming the field at fault (missing name or event, an unknown action,
 * an action without its parameters, a condition that does not parse...).
 */
public final class EventHandlerJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Set<String> ACTIONS = java.util.Arrays.stream(EventHandler.ActionType.values())
            .map(EventHandler.ActionType::json)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

    private EventHandlerJson() {}

    /** Parses and validates a handler sent to the API; conditions are checked with {@code conditions}. */
    public static EventHandler parse(String body, Conditions conditions) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", "not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badField("body", "must be a JSON object (an EventHandler)", null);
        }
        String name = requiredText(root, "name", "Missing event handler name");
        String event = requiredText(root, "event", "Missing event location");
        String eventProblem = EventNames.problem(event);
        if (eventProblem != null) {
            throw ApiException.badField("event", eventProblem, event);
        }
        JsonNode actions = root.get("actions");
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            throw ApiException.badField("actions", "No actions specified. Please specify at-least one action", null);
        }
        for (int i = 0; i < actions.size(); i++) {
            checkAction(actions.get(i), "actions[" + i + "]");
        }
        EventHandler handler;
        try {
            handler = MAPPER.treeToValue(root, EventHandler.class);
        } catch (JsonMappingException e) {
            throw ApiException.badField(path(e), "has the wrong type: " + e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", e.getOriginalMessage(), null);
        }
        if (handler.condition() != null && !handler.condition().isBlank()) {
            String problem = conditions.problem(handler.condition(), handler.evaluatorType());
            if (problem != null) {
                throw ApiException.badField(
                        problem.startsWith("evaluatorType") ? "evaluatorType" : "condition",
                        problem,
                        problem.startsWith("evaluatorType") ? handler.evaluatorType() : handler.condition());
            }
        }
        return handler;
    }

    private static void checkAction(JsonNode action, String at) {
        if (action == null || !action.isObject()) {
            throw ApiException.badField(at, "must be an object", null);
        }
        JsonNode type = action.get("action");
        if (type == null || !type.isTextual() || !ACTIONS.contains(type.asText())) {
            throw ApiException.badField(
                    at + ".action",
                    "must be one of " + String.join(", ", ACTIONS),
                    type == null ? null : type.asText());
        }
        String kind = type.asText();
        JsonNode params = action.get(kind);
        if (params == null || !params.isObject()) {
            throw ApiException.badField(
                    at + "." + kind, "action " + kind + " needs its parameters in '" + kind + "'", null);
        }
        String p = at + "." + kind;
        switch (EventHandler.ActionType.of(kind)) {
            case START_WORKFLOW -> {
                requiredText(params, "name", p + ".name", "the workflow to start is missing");
                objectOrAbsent(params, "input", p + ".input");
            }
            case COMPLETE_TASK, FAIL_TASK -> {
                requiredText(
                        params,
                        "workflowId",
                        p + ".workflowId",
                        "is required (Baton routes every command by workflow id)");
                if (blank(params.get("taskRefName")) && blank(params.get("taskId"))) {
                    throw ApiException.badField(p + ".taskRefName", "taskRefName or taskId is required", null);
                }
                objectOrAbsent(params, "output", p + ".output");
            }
            case TERMINATE_WORKFLOW -> requiredText(params, "workflowId", p + ".workflowId", "is required");
            case UPDATE_WORKFLOW_VARIABLES -> {
                requiredText(params, "workflowId", p + ".workflowId", "is required");
                JsonNode vars = params.get("variables");
                if (vars == null || !vars.isObject() || vars.isEmpty()) {
                    throw ApiException.badField(p + ".variables", "must be a non-empty object", null);
                }
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String problem) {
        return requiredText(node, field, field, problem);
    }

    private static String requiredText(JsonNode node, String field, String path, String problem) {
        JsonNode v = node.get(field);
        if (blank(v)) {
            throw ApiException.badField(path, problem, null);
        }
        if (!v.isTextual()) {
            throw ApiException.badField(path, "must be a string", v.toString());
        }
        return v.asText();
    }

    private static void objectOrAbsent(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !v.isObject()) {
            throw ApiException.badField(path, "must be an object", v.toString());
        }
    }

    private static boolean blank(JsonNode v) {
        return v == null || v.isNull() || (v.isTextual() && v.asText().isBlank());
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    /** The stored form of a handler (also what the API returns). */
    public static byte[] toBytes(EventHandler handler) {
        return toJson(handler).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(List<EventHandler> handlers) {
        return toJson((Object) handlers);
    }

    /** Reads a stored handler (no validation: it was validated when written). */
    public static EventHandler fromBytes(byte[] bytes) throws java.io.IOException {
        return MAPPER.readValue(bytes, EventHandler.class);
    }
}
