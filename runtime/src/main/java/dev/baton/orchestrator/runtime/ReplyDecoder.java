package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskLog;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.json.AvroJson;
import dev.baton.registry.client.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a service's reply record (correlation headers + output value) into an engine input.
 * The value is a JSON object, or Avro in the Confluent wire format for services whose task
 * definition names a schema. Anything else is a {@link PoisonRecordException}.
 *
 * <p>Besides the service statuses, the reply topic carries two signals from Baton's own task
 * gateway (HTTP workers): {@value #POLLED} (a worker took the task: {@link EngineInput.TaskPolled})
 * and {@value #LOG} (log lines only: {@link EngineInput.TaskLogs}). Any reply may carry log lines
 * in the {@value #LOGS} header: a JSON array of {@code {"log": text, "createdTime": millis}}.
 */
public final class ReplyDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code baton-status} of the gateway's signal that a worker polled the task. */
    public static final String POLLED = "POLLED";
    /** {@code baton-status} of a record that only carries log lines for a task. */
    public static final String LOG = "LOG";
    /** Header with a task's log lines (JSON array of {@code {"log", "createdTime"}}). */
    public static final String LOGS = "baton-logs";

    private final SchemaRegistryClient registry;

    /** @param registry used for Avro replies; may be null when no registry is available */
    public ReplyDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** The workflow a reply belongs to: its header, else the record key. */
    public static String workflowId(String key, Headers headers) {
        String id = ProtocolHeaders.get(headers, BatonHeaders.WORKFLOW_ID);
        return id != null ? id : key;
    }

    /** Any record of the reply topic: a service's reply, or one of the gateway's signals. */
    public EngineInput decodeInput(byte[] value, Headers headers) {
        return decodeInput(value, headers, Long.MAX_VALUE);
    }

    /**
     * As above; a result whose value is larger than {@code maxOutputBytes} (Conductor's hard barrier)
     * fails its task, terminally, with Conductor's reason — without the value being parsed.
     */
    public EngineInput decodeInput(byte[] value, Headers headers, long maxOutputBytes) {
        String statusText = ProtocolHeaders.get(headers, BatonHeaders.STATUS);
        if (POLLED.equals(statusText)) {
            return new EngineInput.TaskPolled(required(headers, BatonHeaders.TASK_ID));
        }
        if (LOG.equals(statusText)) {
            return new EngineInput.TaskLogs(required(headers, BatonHeaders.TASK_ID), logs(headers));
        }
        if (value != null && value.length > maxOutputBytes) {
            EngineInput.TaskResult r = decode(new byte[0], headers);
            return new EngineInput.TaskResult(
                    r.taskId(),
                    r.attempt(),
                    EngineInput.ReplyStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    dev.baton.engine.PayloadLimits.taskTooLarge(
                            value.length,
                            r.taskId(),
                            ProtocolHeaders.get(headers, BatonHeaders.WORKFLOW_ID),
                            maxOutputBytes),
                    null,
                    r.logs());
        }
        return decode(value, headers);
    }

    /** A payload as a JSON object: JSON, or Avro in the Confluent wire format; empty means {@code {}}. */
    public ObjectNode payload(byte[] value) {
        return output(value);
    }

    public EngineInput.TaskResult decode(byte[] value, Headers headers) {
        String taskId = required(headers, BatonHeaders.TASK_ID);
        String statusText = required(headers, BatonHeaders.STATUS);
        EngineInput.ReplyStatus status;
        try {
            status = EngineInput.ReplyStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("unknown " + BatonHeaders.STATUS + " '" + statusText + "'");
        }
        Integer attempt = null;
        String attemptText = ProtocolHeaders.get(headers, BatonHeaders.ATTEMPT);
        if (attemptText != null) {
            try {
                attempt = Integer.parseInt(attemptText.trim());
            } catch (NumberFormatException e) {
                throw new PoisonRecordException(
                        "header " + BatonHeaders.ATTEMPT + " is not a number: '" + attemptText + "'");
            }
        }
        Long callbackAfter = null;
        String callbackText = ProtocolHeaders.get(headers, BatonHeaders.CALLBACK_AFTER_SECONDS);
        if (callbackText != null) {
            try {
                callbackAfter = Long.parseLong(callbackText.trim());
            } catch (NumberFormatException e) {
                throw new PoisonRecordException("header " + BatonHeaders.CALLBACK_AFTER_SECONDS + " is not a number");
            }
        }
        ObjectNode output = output(value);
        String reason = ProtocolHeaders.get(headers, BatonHeaders.REASON);
        if (reason == null && output.hasNonNull("reason") && status != EngineInput.ReplyStatus.COMPLETED) {
            reason = output.get("reason").asText();
        }
        return new EngineInput.TaskResult(taskId, attempt, status, output, reason, callbackAfter, logs(headers));
    }

    private static List<TaskLog> logs(Headers headers) {
        String text = ProtocolHeaders.get(headers, LOGS);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new PoisonRecordException("header " + LOGS + " is not JSON", e);
        }
        if (node == null || !node.isArray()) {
            throw new PoisonRecordException("header " + LOGS + " must be a JSON array");
        }
        List<TaskLog> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isTextual()) {
                out.add(new TaskLog(n.asText(), 0));
            } else if (n.isObject() && n.hasNonNull("log")) {
                out.add(new TaskLog(n.get("log").asText(), n.path("createdTime").asLong(0)));
            } else {
                throw new PoisonRecordException("header " + LOGS + " holds an entry without \"log\"");
            }
        }
        return out;
    }

    private ObjectNode output(byte[] value) {
        if (value == null || value.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (value[0] == 0 && value.length >= 5) {
            return avro(value);
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new PoisonRecordException("reply value is neither Avro (Confluent wire format) nor JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new PoisonRecordException(
                    "reply value must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return (ObjectNode) node;
    }

    private ObjectNode avro(byte[] value) {
        if (registry == null) {
            throw new PoisonRecordException("Avro reply but no schema registry is configured");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        try {
            Schema schema = registry.getById(id);
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            JsonNode node = AvroJson.toJsonNode(record);
            if (!node.isObject()) {
                throw new PoisonRecordException("Avro reply must be a record");
            }
            return (ObjectNode) node;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PoisonRecordException p) {
                throw p;
            }
            throw new PoisonRecordException(
                    "reply value is neither Avro (Confluent wire format) nor JSON: " + e.getMessage(), e);
        }
    }

    private static String required(Headers headers, String key) {
        String v = ProtocolHeaders.get(headers, key);
        if (v == null || v.isBlank()) {
            throw new PoisonRecordException("missing header " + key);
        }
        return v;
    }
}
