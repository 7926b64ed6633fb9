package dev.baton.orchestrator.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.protocol.WorkflowEvent;
import java.io.IOException;
import org.apache.kafka.common.utils.Utils;

/** History events as the API shows them, and where an instance's events are on {@code baton.events}. */
final class HistoryEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryEvents() {}

    /**
     * The partition of {@code baton.events} holding an instance's events: the orchestrator keys
     * them by workflow id (UTF-8) with Kafka's default partitioner.
     */
    static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** One event as JSON: the schema's fields, with the payload as a JSON value when it is JSON. */
    static ObjectNode toJson(WorkflowEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.getSeq());
        n.put("eventId", str(e.getEventId()));
        n.put("workflowId", str(e.getWorkflowId()));
        n.put("timestamp", e.getTimestamp());
        n.put("type", String.valueOf(e.getType()));
        n.put("workflowName", str(e.getWorkflowName()));
        n.put("workflowVersion", e.getWorkflowVersion());
        putIf(n, "taskId", e.getTaskId());
        putIf(n, "taskRef", e.getTaskRef());
        putIf(n, "taskType", e.getTaskType());
        if (e.getAttempt() != null) {
            n.put("attempt", e.getAttempt());
        }
        putIf(n, "status", e.getStatus());
        putIf(n, "reason", e.getReason());
        putIf(n, "payloadPath", e.getPayloadPath());
        if (e.getPayload() != null) {
            n.set("payload", payload(e.getPayload().toString()));
        }
        return n;
    }

    private static JsonNode payload(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static void putIf(ObjectNode n, String field, CharSequence value) {
        if (value != null) {
            n.put(field, value.toString());
        }
    }

    private static String str(CharSequence s) {
        return s == null ? null : s.toString();
    }
}
