package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskLog;
import dev.baton.orchestrator.error.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's update of a task, as Conductor's {@code TaskResult} JSON carries it.
 *
 * @param workflowInstanceId may be null (the task id is enough)
 * @param callbackAfterSeconds for IN_PROGRESS: when the task wants to be polled again
 * @param extendLease          Conductor's lease extension: IN_PROGRESS that only keeps the task alive
 */
record TaskUpdate(
        String workflowInstanceId,
        String taskId,
        ReplyStatus status,
        ObjectNode outputData,
        String reasonForIncompletion,
        long callbackAfterSeconds,
        List<TaskLog> logs,
        String workerId,
        boolean extendLease) {

    /** The same bounds the engine keeps per task: the newest lines, each cut to this length. */
    static final int MAX_LOG_LINES = 100;

    static final int MAX_LOG_CHARS = 2_000;
    private static final ObjectMapper JSON = dev.baton.orchestrator.api.RequestJson.MAPPER;

    /** Parses Conductor's TaskResult; bad input is a 400 naming the field. */
    static TaskUpdate parse(String body) {
        JsonNode n;
        try {
            n = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", "is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badField("body", "must be a TaskResult JSON object", null);
        }
        String taskId = text(n, "taskId");
        if (taskId == null) {
            throw ApiException.badField("taskId", "is required", null);
        }
        return new TaskUpdate(
                text(n, "workflowInstanceId"),
                taskId,
                status(text(n, "status"), "status"),
                object(n.get("outputData"), "outputData"),
                text(n, "reasonForIncompletion"),
                callbackAfter(n.get("callbackAfterSeconds")),
                logs(n.get("logs"), taskId),
                text(n, "workerId"),
                n.path("extendLease").asBoolean(false));
    }

    /** A status a worker may report: IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR or CANCELED. */
    static ReplyStatus status(String text, String field) {
        if (text == null) {
            throw ApiException.badField(field, "is required", null);
        }
        try {
            return ReplyStatus.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(
                    field, "must be one of IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR, CANCELED", text);
        }
    }

    /** A request body that is a task's output: a JSON object, empty when there is no body. */
    static ObjectNode outputBody(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            ObjectNode o = object(JSON.readTree(body), "body");
            return o == null ? JSON.createObjectNode() : o;
        } catch (IOException e) {
            throw ApiException.badField("body", "is not valid JSON", null);
        }
    }

    /** A JSON object, or null when absent. */
    static ObjectNode object(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw ApiException.badField(field, "must be a JSON object", n.toString());
        }
        return (ObjectNode) n;
    }

    /** Log lines as a worker wrote them, bounded like the engine bounds them. */
    static List<TaskLog> bounded(List<TaskLog> lines) {
        List<TaskLog> out = new ArrayList<>();
        int from = Math.max(0, lines.size() - MAX_LOG_LINES);
        for (TaskLog l : lines.subList(from, lines.size())) {
            String text = l.log().length() > MAX_LOG_CHARS ? l.log().substring(0, MAX_LOG_CHARS) : l.log();
            out.add(new TaskLog(text, l.createdTime()));
        }
        return out;
    }

    private static long callbackAfter(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToLong() || n.asLong() < 0) {
            throw ApiException.badField("callbackAfterSeconds", "must be a number of seconds, 0 or more", n.toString());
        }
        return n.asLong();
    }

    private static List<TaskLog> logs(JsonNode n, String taskId) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw ApiException.badField("logs", "must be an array of TaskExecLog", n.toString());
        }
        List<TaskLog> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < n.size(); i++) {
            JsonNode l = n.get(i);
            if (l.isTextual()) {
                out.add(new TaskLog(l.asText(), now));
            } else if (l.isObject() && l.hasNonNull("log")) {
                long created = l.path("createdTime").asLong(0);
                out.add(new TaskLog(l.get("log").asText(), created > 0 ? created : now));
            } else {
                throw ApiException.badField("logs[" + i + "]", "must be a TaskExecLog with a \"log\"", l.toString());
            }
        }
        return bounded(out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
