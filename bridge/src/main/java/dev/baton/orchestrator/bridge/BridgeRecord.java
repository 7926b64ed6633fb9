package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The value of a record on {@code baton.bridge} (JSON), keyed by {@code <workflowName>|<businessKey>}:
 * one domain event mapped to one workflow action by one event source, or a BIND / UNBIND notice
 * from the orchestrator (an instance with that business key now exists / is gone).
 *
 * @param action       start_workflow | complete_task | fail_task | signal | update_variables | bind | unbind
 * @param eventId      where the event came from: {@code topic-partition-offset}
 * @param source       the event source's name
 * @param workflowName the workflow the event feeds
 * @param taskRef      the step it addresses (complete_task, fail_task, signal)
 * @param businessKey  the business key the event was correlated by
 * @param payload      the decoded event (Avro turned into JSON)
 * @param input        start_workflow: the new instance's input
 * @param timestamp    the event's record timestamp (bind / unbind: when the orchestrator wrote it)
 * @param workflowId   bind / unbind: the instance
 * @param origin       the original record (to park it unchanged if it cannot be applied)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BridgeRecord(
        String action,
        String eventId,
        String source,
        String workflowName,
        String taskRef,
        String businessKey,
        JsonNode payload,
        ObjectNode input,
        Long timestamp,
        String workflowId,
        Origin origin) {
    public static final String START_WORKFLOW = "start_workflow";
    public static final String COMPLETE_TASK = "complete_task";
    public static final String FAIL_TASK = "fail_task";
    public static final String SIGNAL = "signal";
    public static final String UPDATE_VARIABLES = "update_variables";
    public static final String BIND = "bind";
    public static final String UNBIND = "unbind";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The original record of an event, as it was on its topic.
     *
     * @param key     the key bytes, base64 (null when the record had no key)
     * @param value   the value bytes, base64
     * @param headers the headers, values base64
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Origin(String topic, int partition, long offset, String key, String value, List<Header> headers) {}

    /** One original header; the value is base64 (null for a header without value). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String key, String value) {}

    /** The record key on {@code baton.bridge}: events of one workflow and business key stay in order on one partition. */
    public static String key(String workflowName, String businessKey) {
        return workflowName + "|" + businessKey;
    }

    public String key() {
        return key(workflowName, businessKey);
    }

    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a bridge record */
    public static BridgeRecord decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("empty bridge record");
        }
        BridgeRecord r;
        try {
            r = JSON.readValue(bytes, BridgeRecord.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bridge record: " + e.getMessage(), e);
        }
        if (r == null || r.action() == null || r.workflowName() == null || r.businessKey() == null) {
            throw new IllegalArgumentException("bridge record without action, workflowName or businessKey");
        }
        return r;
    }
}
