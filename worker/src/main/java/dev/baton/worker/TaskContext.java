package dev.baton.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One task command as a handler sees it: the correlation headers, the task input and where the
 * record came from.
 *
 * @param workflowId    {@code baton-workflow-id} (falls back to the record key)
 * @param taskId        {@code baton-task-id}
 * @param taskRef       {@code baton-task-ref}, may be null
 * @param taskType      {@code baton-task-type} (falls back to the worker's task type)
 * @param attempt       {@code baton-attempt}, 0 when absent
 * @param correlationId {@code baton-correlation-id}, may be null
 * @param traceparent   W3C {@code traceparent}, may be null
 * @param replyTo       topic the reply goes to ({@code baton-reply-to} or {@code baton.replies})
 * @param input         the task input (the record value as a JSON object; empty for a null value)
 * @param rawHeaders    all headers of the command record (read-only)
 * @param topic         command topic
 * @param partition     command partition
 * @param offset        command offset
 */
public record TaskContext(
        String workflowId,
        String taskId,
        String taskRef,
        String taskType,
        int attempt,
        String correlationId,
        String traceparent,
        String replyTo,
        ObjectNode input,
        Headers rawHeaders,
        String topic,
        int partition,
        long offset) {

    public TaskContext {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rawHeaders, "rawHeaders");
        Objects.requireNonNull(replyTo, "replyTo");
    }

    /** The last value of a header as a UTF-8 string, if present. */
    public Optional<String> header(String name) {
        Header h = rawHeaders.lastHeader(name);
        if (h == null || h.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }
}
