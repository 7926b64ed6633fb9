package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventSource;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.script.ScriptEvaluator;
import dev.baton.engine.script.ScriptException;
import dev.baton.engine.script.ScriptLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Maps one decoded domain event and one binding on its topic to a bridge record: evaluates the
 * binding's condition (sandboxed JavaScript over the payload as {@code $}), finds the business key
 * (a JSONPath into the payload, a header, or the record key) and, for a start, resolves the new
 * instance's input ({@code ${$.path}} against the payload; default: the payload).
 */
final class EventMapper {
    private final ScriptEvaluator scripts;

    EventMapper(ScriptLimits limits) {
        this.scripts = new ScriptEvaluator(limits);
    }

    /** What became of a (record, binding) pair. */
    sealed interface Outcome {}

    /** The binding applies: write this bridge record. */
    record Mapped(BridgeRecord record) implements Outcome {}

    /** The condition is false: the event is not one this binding is about. */
    record NotMatched() implements Outcome {}

    /** The binding matched but the event cannot be applied: park it. */
    record Parked(Kind kind, String reason) implements Outcome {}

    /** Why an event is parked by the ingest. */
    enum Kind {
        UNDECODABLE,
        NO_KEY,
        CONDITION_FAILED
    }

    Outcome map(ConsumerRecord<byte[], byte[]> r, Binding b, JsonNode payload) {
        EventSource s = b.source();
        if (s.condition() != null && !s.condition().isBlank()) {
            try {
                if (!truthy(scripts.evaluate(s.condition(), payload))) {
                    return new NotMatched();
                }
            } catch (ScriptException e) {
                return new Parked(
                        Kind.CONDITION_FAILED, "condition of event source " + s.name() + " failed: " + e.getMessage());
            }
        }
        String businessKey = businessKey(r, s, payload);
        if (businessKey == null) {
            return new Parked(Kind.NO_KEY, "no business key for event source " + s.name() + ": " + keyDescription(s));
        }
        String action = s.actionType().name().toLowerCase(Locale.ROOT);
        ObjectNode input = null;
        if (BridgeRecord.START_WORKFLOW.equals(action) || BridgeRecord.UPDATE_VARIABLES.equals(action)) {
            input = s.inputParameters() != null
                    ? ParameterResolver.resolve(s.inputParameters(), payload)
                    : BridgeProcessor.asObject(payload);
        }
        return new Mapped(new BridgeRecord(
                action,
                eventId(r),
                s.name(),
                b.workflowName(),
                s.taskRef(),
                businessKey,
                payload,
                input,
                r.timestamp(),
                null,
                origin(r)));
    }

    static String eventId(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "-" + r.offset();
    }

    /** The correlationKey's value in the payload, else the correlationHeader, else the record key; null when absent. */
    static String businessKey(ConsumerRecord<byte[], byte[]> r, EventSource s, JsonNode payload) {
        if (s.correlationKey() != null && !s.correlationKey().isBlank()) {
            JsonNode v = ParameterResolver.evaluate(s.correlationKey(), payload);
            return v == null
                            || v.isNull()
                            || v.isMissingNode()
                            || v.isContainerNode()
                            || v.asText().isBlank()
                    ? null
                    : v.asText();
        }
        if (s.correlationHeader() != null && !s.correlationHeader().isBlank()) {
            Header h = r.headers().lastHeader(s.correlationHeader());
            return h == null || h.value() == null || h.value().length == 0
                    ? null
                    : new String(h.value(), StandardCharsets.UTF_8);
        }
        return r.key() == null || r.key().length == 0 ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String keyDescription(EventSource s) {
        if (s.correlationKey() != null && !s.correlationKey().isBlank()) {
            return "no value at " + s.correlationKey() + " in the event";
        }
        if (s.correlationHeader() != null && !s.correlationHeader().isBlank()) {
            return "no header " + s.correlationHeader() + " on the record";
        }
        return "the record has no key";
    }

    static BridgeRecord.Origin origin(ConsumerRecord<byte[], byte[]> r) {
        Base64.Encoder b64 = Base64.getEncoder();
        List<BridgeRecord.Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new BridgeRecord.Header(h.key(), h.value() == null ? null : b64.encodeToString(h.value())));
        }
        return new BridgeRecord.Origin(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key() == null ? null : b64.encodeToString(r.key()),
                r.value() == null ? null : b64.encodeToString(r.value()),
                headers.isEmpty() ? null : headers);
    }

    /** JavaScript truthiness of a condition's value. */
    static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return true;
    }
}
