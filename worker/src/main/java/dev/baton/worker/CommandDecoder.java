package dev.baton.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.protocol.BatonHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns a command record into a {@link TaskContext}, or into a description of why it cannot. */
final class CommandDecoder {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final ObjectMapper mapper;
    private final String defaultTaskType;

    CommandDecoder(ObjectMapper mapper, String defaultTaskType) {
        this.mapper = mapper;
        this.defaultTaskType = defaultTaskType;
    }

    /** Outcome of decoding: either {@code context} is set, or {@code problem} (with what is known). */
    record Decoded(TaskContext context, String problem, String workflowId, String replyTo) {
        boolean ok() {
            return context != null;
        }
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> rec) {
        Headers headers = copy(rec.headers());
        String workflowId = nonBlank(header(headers, BatonHeaders.WORKFLOW_ID));
        if (workflowId == null && rec.key() != null) {
            workflowId = nonBlank(new String(rec.key(), StandardCharsets.UTF_8));
        }
        String replyTo = nonBlank(header(headers, BatonHeaders.REPLY_TO));
        if (replyTo == null) {
            replyTo = BatonHeaders.DEFAULT_REPLY_TOPIC;
        } else if (!TOPIC_NAME.matcher(replyTo).matches() || replyTo.equals(".") || replyTo.equals("..")) {
            return new Decoded(
                    null,
                    "invalid " + BatonHeaders.REPLY_TO + " topic name",
                    workflowId,
                    BatonHeaders.DEFAULT_REPLY_TOPIC);
        }
        if (workflowId == null) {
            return new Decoded(null, "missing " + BatonHeaders.WORKFLOW_ID + " header and record key", null, replyTo);
        }
        String taskId = nonBlank(header(headers, BatonHeaders.TASK_ID));
        if (taskId == null) {
            return new Decoded(null, "missing " + BatonHeaders.TASK_ID + " header", workflowId, replyTo);
        }
        int attempt = 0;
        String attemptText = nonBlank(header(headers, BatonHeaders.ATTEMPT));
        if (attemptText != null) {
            try {
                attempt = Integer.parseInt(attemptText.trim());
            } catch (NumberFormatException e) {
                return new Decoded(
                        null,
                        "invalid " + BatonHeaders.ATTEMPT + " header: " + abbreviate(attemptText),
                        workflowId,
                        replyTo);
            }
        }
        ObjectNode input;
        if (rec.value() == null || rec.value().length == 0) {
            input = mapper.createObjectNode();
        } else {
            JsonNode node;
            try {
                node = mapper.readTree(rec.value());
            } catch (JsonProcessingException e) {
                return new Decoded(
                        null,
                        "task input is not valid JSON: " + abbreviate(e.getOriginalMessage()),
                        workflowId,
                        replyTo);
            } catch (IOException e) {
                return new Decoded(
                        null, "task input cannot be read: " + abbreviate(e.getMessage()), workflowId, replyTo);
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                input = mapper.createObjectNode();
            } else if (node instanceof ObjectNode obj) {
                input = obj;
            } else {
                return new Decoded(
                        null, "task input is not a JSON object but " + node.getNodeType(), workflowId, replyTo);
            }
        }
        String taskType = nonBlank(header(headers, BatonHeaders.TASK_TYPE));
        TaskContext ctx = new TaskContext(
                workflowId,
                taskId,
                nonBlank(header(headers, BatonHeaders.TASK_REF)),
                taskType != null ? taskType : defaultTaskType,
                attempt,
                nonBlank(header(headers, BatonHeaders.CORRELATION_ID)),
                nonBlank(header(headers, BatonHeaders.TRACEPARENT)),
                replyTo,
                input,
                headers,
                rec.topic(),
                rec.partition(),
                rec.offset());
        return new Decoded(ctx, null, workflowId, replyTo);
    }

    private static Headers copy(Headers source) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : source) {
            copy.add(h.key(), h.value());
        }
        copy.setReadOnly();
        return copy;
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
