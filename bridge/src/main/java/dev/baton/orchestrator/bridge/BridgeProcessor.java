package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.Routed;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowControl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bridge records ({@code baton.bridge}, keyed by {@code <workflowName>|<businessKey>}) into
 * control commands for the workflow the business key names, inside the stream task's exactly-once
 * transaction. It owns the correlation index (business key to workflow id) and the buffer of events
 * that arrived before their instance existed: a start event creates the instance (or, when one exists,
 * is recorded in it as a repeat) and releases the events waiting for it in arrival order; so does a
 * BIND from the orchestrator. Events still waiting after the TTL are parked, counted.
 */
public final class BridgeProcessor implements Processor<String, byte[], byte[], Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProcessor.class);
    private static final char SEP = '\u0001';
    private static final String BUFFERED = "b" + SEP;
    private static final String EXPIRY = "t" + SEP;
    private static final int MAX_EXPIRED_PER_SCAN = 1_000;
    private static final StringSerializer KEYS = new StringSerializer();

    private final ProtocolCodec codec;
    private final Duration ttl;
    private final Duration scanInterval;
    private final BridgeMetrics metrics;

    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, String> index;
    private KeyValueStore<String, byte[]> buffer;

    public BridgeProcessor(ProtocolCodec codec, Duration ttl, Duration scanInterval, BridgeMetrics metrics) {
        this.codec = codec;
        this.ttl = ttl;
        this.scanInterval = scanInterval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.index = context.getStateStore(Topics.CORRELATION_STORE);
        this.buffer = context.getStateStore(Topics.BRIDGE_BUFFER_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        BridgeRecord r;
        try {
            r = BridgeRecord.decode(record.value());
        } catch (IllegalArgumentException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        long now = context.currentSystemTimeMs();
        String key = r.key();
        try {
            switch (r.action()) {
                case BridgeRecord.BIND -> bind(key, r, now);
                case BridgeRecord.UNBIND -> {
                    if (r.workflowId() != null && r.workflowId().equals(index.get(key))) {
                        index.delete(key);
                        metrics.unbound.increment();
                    }
                }
                case BridgeRecord.START_WORKFLOW -> start(key, r, now);
                case BridgeRecord.COMPLETE_TASK,
                        BridgeRecord.FAIL_TASK,
                        BridgeRecord.SIGNAL,
                        BridgeRecord.UPDATE_VARIABLES -> {
                    String workflowId = index.get(key);
                    if (workflowId != null) {
                        forwardEvent(workflowId, r, now);
                    } else {
                        buffer(key, record.value(), now);
                    }
                }
                default -> deadLetter(record, "unknown bridge action '" + r.action() + "'");
            }
        } catch (RuntimeException e) {
            if (e instanceof org.apache.kafka.streams.errors.StreamsException) {
                throw e;
            }
            LOG.error("Unexpected error on bridge record {}; sent to the DLQ", key, e);
            deadLetter(record, "unexpected error: " + e);
        }
    }

    private void bind(String key, BridgeRecord r, long now) {
        if (r.workflowId() == null || r.workflowId().isBlank()) {
            throw new IllegalArgumentException("bind without workflowId");
        }
        String previous = index.get(key);
        if (previous != null && !previous.equals(r.workflowId())) {
            LOG.info("Business key {} now belongs to workflow {} (was {})", key, r.workflowId(), previous);
        }
        index.put(key, r.workflowId());
        metrics.bound.increment();
        release(key, r.workflowId(), now);
    }

    private void start(String key, BridgeRecord r, long now) {
        String existing = index.get(key);
        if (existing != null) {
            // The engine records the repeated start in the instance's history and ignores it.
            send(existing, event(existing, r, null, null, null, now), now);
            metrics.repeatedStarts.increment();
            return;
        }
        String workflowId = workflowId(r);
        index.put(key, workflowId);
        ObjectNode input = r.input() != null ? r.input() : asObject(r.payload());
        send(
                workflowId,
                WorkflowControl.newBuilder()
                        .setCommandId(r.eventId() == null ? "bridge-start:" + workflowId : r.eventId())
                        .setWorkflowId(workflowId)
                        .setType(ControlType.START)
                        .setWorkflowName(r.workflowName())
                        .setInput(input.toString())
                        .setCorrelationId(r.businessKey())
                        .setRequestedBy(r.source())
                        .setTimestamp(eventTime(r, now))
                        .build(),
                now);
        metrics.started.increment();
        release(key, workflowId, now);
    }

    /** Derived from the event (and the workflow, since one event may start several workflows): a replay starts nothing new. */
    static String workflowId(BridgeRecord r) {
        String origin = r.eventId() == null ? r.key() : r.eventId();
        return UUID.nameUUIDFromBytes((r.workflowName() + "|" + origin).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void forwardEvent(String workflowId, BridgeRecord r, long now) {
        WorkflowControl c = switch (r.action()) {
            case BridgeRecord.COMPLETE_TASK -> event(workflowId, r, r.taskRef(), TaskReplyStatus.COMPLETED, null, now);
            case BridgeRecord.FAIL_TASK ->
                event(
                        workflowId,
                        r,
                        r.taskRef(),
                        TaskReplyStatus.FAILED,
                        "failed by event " + r.eventId() + " from " + r.source(),
                        now);
            case BridgeRecord.SIGNAL ->
                WorkflowControl.newBuilder()
                        .setCommandId(r.eventId())
                        .setWorkflowId(workflowId)
                        .setType(ControlType.SIGNAL)
                        .setTaskRef(r.taskRef())
                        .setTaskStatus(TaskReplyStatus.COMPLETED)
                        .setTaskOutput(asObject(r.payload()).toString())
                        .setRequestedBy(r.source())
                        .setTimestamp(now)
                        .build();
            case BridgeRecord.UPDATE_VARIABLES ->
                WorkflowControl.newBuilder()
                        .setCommandId(r.eventId())
                        .setWorkflowId(workflowId)
                        .setType(ControlType.UPDATE_VARIABLES)
                        .setInput((r.input() != null ? r.input() : asObject(r.payload())).toString())
                        .setRequestedBy(r.source())
                        .setTimestamp(now)
                        .build();
            default -> throw new IllegalArgumentException("action " + r.action() + " is not forwarded as an event");
        };
        send(workflowId, c, now);
        metrics.forwarded.increment();
    }

    private static WorkflowControl event(
            String workflowId, BridgeRecord r, String taskRef, TaskReplyStatus status, String reason, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId(r.eventId() == null ? "bridge-event:" + workflowId + ":" + now : r.eventId())
                .setWorkflowId(workflowId)
                .setType(ControlType.EVENT)
                .setTaskRef(taskRef)
                .setTaskStatus(status)
                .setTaskOutput(asObject(r.payload()).toString())
                .setReason(reason)
                .setRequestedBy(r.source())
                .setTimestamp(eventTime(r, now))
                .build();
    }

    /** When the domain event happened (its record timestamp), so that step timings follow the services, not Baton. */
    private static long eventTime(BridgeRecord r, long now) {
        return r.timestamp() != null && r.timestamp() > 0 && r.timestamp() <= now ? r.timestamp() : now;
    }

    private void send(String workflowId, WorkflowControl c, long now) {
        context.forward(new Record<>(
                workflowId.getBytes(StandardCharsets.UTF_8), new Routed(Topics.COMMANDS, codec.encodeControl(c)), now));
    }

    /** Keeps an event until its instance exists (START or BIND releases it) or its TTL is over. */
    private void buffer(String key, byte[] bytes, long now) {
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(now);
        long expiresAt = now + ttl.toMillis();
        String suffix = key + SEP + pad(offset);
        buffer.put(
                BUFFERED + suffix,
                ByteBuffer.allocate(8 + bytes.length)
                        .putLong(expiresAt)
                        .put(bytes)
                        .array());
        buffer.put(EXPIRY + pad(expiresAt) + SEP + suffix, new byte[0]);
        metrics.buffered.increment();
    }

    /** Forwards the events waiting for this business key to its instance, oldest first. */
    private void release(String key, String workflowId, long now) {
        List<KeyValue<String, byte[]>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = buffer.prefixScan(BUFFERED + key + SEP, KEYS)) {
            it.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, byte[]> kv : waiting) {
            long expiresAt = ByteBuffer.wrap(kv.value, 0, 8).getLong();
            buffer.delete(kv.key);
            buffer.delete(EXPIRY + pad(expiresAt) + SEP + kv.key.substring(BUFFERED.length()));
            forwardEvent(workflowId, BridgeRecord.decode(Arrays.copyOfRange(kv.value, 8, kv.value.length)), now);
            metrics.released.increment();
        }
    }

    /** Parks the events whose TTL is over: no instance came for their business key. */
    private void expire(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = buffer.range(EXPIRY, EXPIRY + pad(now) + '\u0002')) {
            while (it.hasNext() && due.size() < MAX_EXPIRED_PER_SCAN) {
                due.add(it.next().key);
            }
        }
        for (String expiryKey : due) {
            buffer.delete(expiryKey);
            String rest = expiryKey.substring(EXPIRY.length());
            String bufferKey = BUFFERED + rest.substring(rest.indexOf(SEP) + 1);
            byte[] bytes = buffer.get(bufferKey);
            if (bytes == null) {
                continue;
            }
            buffer.delete(bufferKey);
            BridgeRecord r = BridgeRecord.decode(Arrays.copyOfRange(bytes, 8, bytes.length));
            park(r, "no instance for " + r.key() + " within " + ttl.toMillis() + " ms", now);
            metrics.expired.increment();
        }
    }

    /** Writes the original event to the parking topic, with its original key, value, headers and timestamp. */
    private void park(BridgeRecord r, String reason, long now) {
        BridgeRecord.Origin o = r.origin();
        byte[] key = o == null || o.key() == null ? null : Base64.getDecoder().decode(o.key());
        byte[] value = o == null
                ? r.encode()
                : o.value() == null ? null : Base64.getDecoder().decode(o.value());
        LOG.warn("Parking event {} from {} on {}: {}", r.eventId(), r.source(), Topics.BRIDGE_PARKED, reason);
        context.forward(new Record<>(
                key,
                new Routed(Topics.BRIDGE_PARKED, value),
                r.timestamp() == null ? now : r.timestamp(),
                Parking.headers(r, reason)));
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        LOG.warn(
                "Sending bridge record {}-{}@{} to {}: {}",
                meta.topic(),
                meta.partition(),
                meta.offset(),
                Topics.DLQ,
                reason);
        context.forward(new Record<>(
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                new Routed(Topics.DLQ, record.value()),
                record.timestamp(),
                DeadLetters.headers(record.headers(), reason, meta, null)));
    }

    /** A payload as a task output or input: the object itself, anything else wrapped as {@code {"payload": ...}}. */
    static ObjectNode asObject(JsonNode payload) {
        if (payload instanceof ObjectNode o) {
            return o;
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        if (payload != null && !payload.isNull() && !payload.isMissingNode()) {
            wrapped.set("payload", payload);
        }
        return wrapped;
    }

    private static String pad(long n) {
        return String.format("%019d", Math.max(0, n));
    }
}
