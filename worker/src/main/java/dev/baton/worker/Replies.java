package dev.baton.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds reply records: correlation headers copied back, status and reason set, output as value. */
final class Replies {

    private final ObjectMapper mapper;
    private final int maxReplyBytes;

    Replies(ObjectMapper mapper, int maxReplyBytes) {
        this.mapper = mapper;
        this.maxReplyBytes = maxReplyBytes;
    }

    ProducerRecord<byte[], byte[]> reply(Headers command, String workflowId, String replyTo, TaskResult result) {
        byte[] value;
        try {
            value = mapper.writeValueAsBytes(result.output());
        } catch (JsonProcessingException e) {
            result = TaskResult.failed(
                    "task output cannot be written as JSON: " + CommandDecoder.abbreviate(e.getOriginalMessage()));
            value = result.output().toString().getBytes(StandardCharsets.UTF_8);
        }
        if (value.length > maxReplyBytes) {
            result = TaskResult.failedTerminal(
                    "task output too large: " + value.length + " bytes (limit " + maxReplyBytes + ")");
            value = result.output().toString().getBytes(StandardCharsets.UTF_8);
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : command) {
            if (isCopied(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        if (headers.lastHeader(BatonHeaders.WORKFLOW_ID) == null) {
            headers.add(BatonHeaders.WORKFLOW_ID, utf8(workflowId));
        }
        headers.add(BatonHeaders.STATUS, utf8(result.status().name()));
        if (result.reason() != null) {
            headers.add(BatonHeaders.REASON, utf8(result.reason()));
        }
        if (result.status() == TaskStatus.IN_PROGRESS) {
            headers.add(BatonHeaders.CALLBACK_AFTER_SECONDS, utf8(Long.toString(result.callbackAfterSeconds())));
        }
        return new ProducerRecord<>(replyTo, null, utf8(workflowId), value, headers);
    }

    /** A terminal-failure reply for a command that could not be decoded. */
    ProducerRecord<byte[], byte[]> poison(Headers command, String workflowId, String replyTo, String problem) {
        return reply(command, workflowId, replyTo, TaskResult.failedTerminal(problem));
    }

    private static boolean isCopied(String key) {
        if (key.equals(BatonHeaders.TRACEPARENT) || key.equals(BatonHeaders.TRACESTATE)) {
            return true;
        }
        return key.startsWith(BatonHeaders.PREFIX)
                && !key.equals(BatonHeaders.STATUS)
                && !key.equals(BatonHeaders.REASON)
                && !key.equals(BatonHeaders.CALLBACK_AFTER_SECONDS);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
