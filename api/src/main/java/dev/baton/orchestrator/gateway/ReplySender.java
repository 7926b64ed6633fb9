package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskLog;
import dev.baton.orchestrator.runtime.ReplyDecoder;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what HTTP workers report to the reply topic, as a Kafka worker would: keyed by workflow
 * id, the correlation headers copied back, {@code baton-status} set. Besides task results it
 * writes the gateway's two signals, {@code POLLED} and {@code LOG} (see {@link ReplyDecoder}).
 * One idempotent producer keeps the records of one workflow in the order they were sent.
 */
final class ReplySender implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, byte[]> producer;
    private final long maxOutputBytes;

    /**
     * @param maxOutputBytes the largest task output accepted (Conductor's hard barrier): a larger one
     *                       fails the task with Conductor's reason instead of being sent
     */
    ReplySender(Map<String, Object> clientProperties, long maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
        Map<String, Object> p = new HashMap<>(clientProperties);
        // an output up to the hard barrier goes in one reply record (the reply topic is created to take it)
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxOutputBytes + (1L << 20)));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "baton-gateway-replies-" + UUID.randomUUID().toString().substring(0, 8));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A worker took the task. */
    Future<RecordMetadata> polled(ReplyTarget t) {
        return send(t, ReplyDecoder.POLLED, (byte[]) null, null, null, List.of());
    }

    /** Log lines on their own. */
    Future<RecordMetadata> logs(ReplyTarget t, List<TaskLog> logs) {
        return send(t, ReplyDecoder.LOG, (byte[]) null, null, null, logs);
    }

    /** A task result: status, output (value), reason, callback delay and log lines. */
    Future<RecordMetadata> result(
            ReplyTarget t,
            EngineInput.ReplyStatus status,
            ObjectNode output,
            String reason,
            Long callbackAfterSeconds,
            List<TaskLog> logs) {
        byte[] bytes =
                (output == null ? JSON.createObjectNode() : output).toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxOutputBytes) {
            // as Conductor: the task fails, terminally, with the size and the limit; the output is not kept
            String why = String.format(
                    "The payload size: %d of task: %s in workflow: %s  is greater than the permissible "
                            + "limit: %d bytes",
                    bytes.length, t.taskId(), t.workflowId(), maxOutputBytes);
            return send(t, EngineInput.ReplyStatus.FAILED_WITH_TERMINAL_ERROR.name(), new byte[0], why, null, logs);
        }
        return send(
                t,
                status.name(),
                bytes,
                reason,
                status == EngineInput.ReplyStatus.IN_PROGRESS ? callbackAfterSeconds : null,
                logs);
    }

    private Future<RecordMetadata> send(
            ReplyTarget t, String status, byte[] value, String reason, Long callbackAfterSeconds, List<TaskLog> logs) {
        RecordHeaders h = new RecordHeaders();
        t.headers().forEach((k, v) -> h.add(k, utf8(v)));
        h.add(BatonHeaders.STATUS, utf8(status));
        if (reason != null) {
            h.add(BatonHeaders.REASON, utf8(reason));
        }
        if (callbackAfterSeconds != null && callbackAfterSeconds > 0) {
            h.add(BatonHeaders.CALLBACK_AFTER_SECONDS, utf8(Long.toString(callbackAfterSeconds)));
        }
        if (logs != null && !logs.isEmpty()) {
            ArrayNode a = JSON.createArrayNode();
            logs.forEach(l -> a.addObject().put("log", l.log()).put("createdTime", l.createdTime()));
            h.add(ReplyDecoder.LOGS, utf8(a.toString()));
        }
        return producer.send(
                new ProducerRecord<>(t.replyTo(), null, t.workflowId(), value == null ? new byte[0] : value, h));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
