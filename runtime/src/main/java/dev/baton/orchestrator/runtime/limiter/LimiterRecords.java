package dev.baton.orchestrator.runtime.limiter;

import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.PoisonRecordException;
import dev.baton.orchestrator.runtime.ProtocolHeaders;
import dev.baton.orchestrator.runtime.Routed;
import dev.baton.protocol.BatonHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The records on {@code baton.limiter}, keyed by the limit's key (the task definition name), so
 * that one stream task counts each task type's slots for all workflows:
 * <ul>
 *   <li>{@code HOLD}: a task command to send once its definition's limits allow it: the command's
 *   value and headers as they would go to the service, plus where it goes and the limits;</li>
 *   <li>{@code END}: the task {@code baton-task-id} has ended; its slot is free (a command still
 *   held for it is dropped).</li>
 * </ul>
 */
public final class LimiterRecords {
    public static final String OP = "baton-limiter-op";
    public static final String TOPIC = "baton-limiter-topic";
    public static final String KEY = "baton-limiter-key";
    /** {@code <concurrentExecLimit>,<rateLimitPerFrequency>,<rateLimitFrequencyInSeconds>} */
    public static final String LIMITS = "baton-limiter-limits";

    public static final String HOLD = "HOLD";
    public static final String END = "END";
    private static final String HEADER_PREFIX = "baton-limiter-";

    private LimiterRecords() {}

    /** A command to hold until the limits allow it to go to {@code topic} under {@code key}. */
    public static Record<String, Routed> hold(
            String limitKey, String topic, String key, byte[] value, Headers command, TaskLimits limits, long now) {
        Headers h = new RecordHeaders();
        for (Header c : command) {
            h.add(c);
        }
        ProtocolHeaders.put(h, OP, HOLD);
        ProtocolHeaders.put(h, TOPIC, topic);
        ProtocolHeaders.put(h, KEY, key);
        ProtocolHeaders.put(
                h,
                LIMITS,
                limits.concurrentExecLimit() + "," + limits.rateLimitPerFrequency() + ","
                        + limits.rateLimitFrequencyInSeconds());
        return new Record<>(limitKey, new Routed(Topics.LIMITER, value), now, h);
    }

    /** A task that held a slot of {@code limitKey} has ended. */
    public static Record<String, Routed> end(String limitKey, String taskId, long now) {
        Headers h = new RecordHeaders();
        ProtocolHeaders.put(h, OP, END);
        ProtocolHeaders.put(h, BatonHeaders.TASK_ID, taskId);
        return new Record<>(limitKey, new Routed(Topics.LIMITER, new byte[0]), now, h);
    }

    static String op(Headers h) {
        return ProtocolHeaders.get(h, OP);
    }

    static String taskId(Headers h) {
        String id = ProtocolHeaders.get(h, BatonHeaders.TASK_ID);
        if (id == null || id.isBlank()) {
            throw new PoisonRecordException("a limiter record without " + BatonHeaders.TASK_ID);
        }
        return id;
    }

    /** The command a HOLD record carries, as it will be sent. */
    static HeldCommand held(byte[] value, Headers h, long timestamp) {
        String topic = ProtocolHeaders.get(h, TOPIC);
        if (topic == null || topic.isBlank()) {
            throw new PoisonRecordException("a HOLD record without " + TOPIC);
        }
        List<HeldCommand.Header> headers = new ArrayList<>();
        for (Header c : h) {
            if (!c.key().startsWith(HEADER_PREFIX)) {
                headers.add(new HeldCommand.Header(c.key(), c.value()));
            }
        }
        return new HeldCommand(taskId(h), topic, ProtocolHeaders.get(h, KEY), value, headers, limits(h), timestamp);
    }

    static TaskLimits limits(Headers h) {
        String text = ProtocolHeaders.get(h, LIMITS);
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 3) {
            throw new PoisonRecordException("a HOLD record without valid " + LIMITS + ": " + text);
        }
        try {
            return new TaskLimits(
                    Integer.parseInt(parts[0].trim()),
                    Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new PoisonRecordException("a HOLD record without valid " + LIMITS + ": " + text);
        }
    }

    /** The record that sends a held command to its service topic. */
    static Record<String, Routed> release(HeldCommand c, long now) {
        Headers h = new RecordHeaders();
        for (HeldCommand.Header header : c.headers()) {
            h.add(new RecordHeader(header.key(), header.value()));
        }
        return new Record<>(c.key(), new Routed(c.topic(), c.value()), now, h);
    }
}
