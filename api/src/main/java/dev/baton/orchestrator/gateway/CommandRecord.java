package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A task command read from a command topic: where it was read (for the offset commit; a command
 * rebuilt from the instance has neither partition nor offset), its value and its headers (last
 * value of each, as text).
 */
record CommandRecord(
        String taskType,
        TopicPartition partition,
        long offset,
        long timestamp,
        String key,
        byte[] value,
        Map<String, String> headers) {

    /** No offset: the command was rebuilt from the instance, not read from Kafka. */
    static final long NO_OFFSET = -1;

    static CommandRecord of(String taskType, ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            if (h.value() != null) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return new CommandRecord(
                taskType,
                new TopicPartition(r.topic(), r.partition()),
                r.offset(),
                r.timestamp(),
                r.key(),
                r.value(),
                Map.copyOf(headers));
    }

    /** A command rebuilt from the instance (for a task this node did not hand out), to be offered again. */
    static CommandRecord fromInstance(WorkflowInstance wf, TaskState t, String replyTopic) {
        Map<String, String> headers =
                new HashMap<>(ReplyTarget.of(wf, t, replyTopic).headers());
        headers.put(BatonHeaders.REPLY_TO, replyTopic);
        byte[] value = (t.inputData == null ? "{}" : t.inputData.toString()).getBytes(StandardCharsets.UTF_8);
        return new CommandRecord(
                t.conductorType(), null, NO_OFFSET, t.scheduledTime, wf.workflowId, value, Map.copyOf(headers));
    }

    boolean hasOffset() {
        return offset != NO_OFFSET;
    }

    String header(String name) {
        String v = headers.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The workflow id: its header, else the record key. */
    String workflowId() {
        String id = header(BatonHeaders.WORKFLOW_ID);
        return id != null ? id : key;
    }

    String taskId() {
        return header(BatonHeaders.TASK_ID);
    }

    String taskRef() {
        return header(BatonHeaders.TASK_REF);
    }

    /** Whether the command names its attempt. */
    boolean hasAttempt() {
        return header(BatonHeaders.ATTEMPT) != null;
    }

    /** The attempt (Conductor's retryCount); 0 when the header is missing or not a number. */
    int attempt() {
        String a = header(BatonHeaders.ATTEMPT);
        try {
            return a == null ? 0 : Integer.parseInt(a.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
