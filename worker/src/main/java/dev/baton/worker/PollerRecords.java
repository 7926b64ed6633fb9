package dev.baton.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Poll activity on the compacted topic {@code baton.pollers} (Conductor's poll data): who last
 * polled a task type in a domain, and when. HTTP polls and the Kafka workers of a domain write it;
 * the orchestrator reads it to send a task to the first of its domains with an active worker.
 * Key: Conductor's queue name, {@code <domain>:<taskType>} ({@code <taskType>} without a domain).
 * Value: JSON {@code {"taskType", "domain", "workerId", "lastPollTime"}}.
 */
public final class PollerRecords {
    /** The topic of poll activity. */
    public static final String TOPIC = "baton.pollers";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One poll: a worker of a task type (in a domain, or none) polled at {@code lastPollTime}. */
    public record Poll(String taskType, String domain, String workerId, long lastPollTime) {}

    private PollerRecords() {}

    /** The record key of a task type's polls in a domain (null or blank: no domain). */
    public static String key(String taskType, String domain) {
        return domain == null || domain.isBlank() ? taskType : domain + ":" + taskType;
    }

    public static byte[] value(Poll poll) {
        ObjectNode o = JSON.createObjectNode().put("taskType", poll.taskType());
        if (poll.domain() != null && !poll.domain().isBlank()) {
            o.put("domain", poll.domain());
        }
        if (poll.workerId() != null) {
            o.put("workerId", poll.workerId());
        }
        o.put("lastPollTime", poll.lastPollTime());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The poll a value holds; null when it is not one. */
    public static Poll read(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null
                    || !n.isObject()
                    || !n.path("taskType").isTextual()
                    || !n.path("lastPollTime").canConvertToLong()) {
                return null;
            }
            return new Poll(
                    n.get("taskType").asText(),
                    n.path("domain").isTextual() ? n.get("domain").asText() : null,
                    n.path("workerId").isTextual() ? n.get("workerId").asText() : null,
                    n.get("lastPollTime").asLong());
        } catch (IOException e) {
            return null;
        }
    }
}
