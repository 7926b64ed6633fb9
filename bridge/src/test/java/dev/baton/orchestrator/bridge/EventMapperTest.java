package dev.baton.orchestrator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.EventSource;
import dev.baton.engine.script.ScriptLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** One event and one binding: condition, business key, start input, origin. */
class EventMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventMapper mapper = new EventMapper(ScriptLimits.defaults());

    private static ConsumerRecord<byte[], byte[]> record(
            String key, String value, String headerKey, String headerValue) {
        RecordHeaders headers = new RecordHeaders();
        if (headerKey != null) {
            headers.add(headerKey, headerValue.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(
                "payments",
                2,
                41,
                1234L,
                TimestampType.CREATE_TIME,
                0,
                0,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                headers,
                Optional.empty());
    }

    private static Binding binding(String json) throws Exception {
        return new Binding("booking", JSON.readValue(json, EventSource.class), 0);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aMatchingEventBecomesABridgeRecordKeyedByWorkflowAndBusinessKey() throws Exception {
        Binding b = binding("""
                {"name": "paid", "topic": "payments", "correlationKey": "$.booking.id",
                 "condition": "$.type == 'PaymentCharged'", "action": "complete_task", "taskRef": "charge_payment"}""");
        String value = "{\"type\": \"PaymentCharged\", \"booking\": {\"id\": \"BK-9\"}, \"amount\": 12}";

        EventMapper.Outcome o = mapper.map(record("k", value, "trace", "abc"), b, json(value));

        BridgeRecord r = ((EventMapper.Mapped) o).record();
        assertThat(r.action()).isEqualTo("complete_task");
        assertThat(r.key()).isEqualTo("booking|BK-9");
        assertThat(r.eventId()).isEqualTo("payments-2-41");
        assertThat(r.source()).isEqualTo("paid");
        assertThat(r.taskRef()).isEqualTo("charge_payment");
        assertThat(r.payload().path("amount").asInt()).isEqualTo(12);
        assertThat(r.input()).isNull();
        assertThat(r.timestamp()).isEqualTo(1234L);
        assertThat(new String(Base64.getDecoder().decode(r.origin().value()), StandardCharsets.UTF_8))
                .isEqualTo(value);
        assertThat(r.origin().headers()).extracting(BridgeRecord.Header::key).containsExactly("trace");
        assertThat(BridgeRecord.decode(r.encode())).isEqualTo(r);
    }

    @Test
    void aFalseConditionIsNoMatch() throws Exception {
        Binding b = binding("""
                {"name": "paid", "topic": "payments", "correlationKey": "$.id",
                 "condition": "$.type == 'PaymentCharged'", "action": "complete_task", "taskRef": "pay"}""");
        String value = "{\"type\": \"PaymentDeclined\", \"id\": \"1\"}";
        assertThat(mapper.map(record("k", value, null, null), b, json(value)))
                .isInstanceOf(EventMapper.NotMatched.class);
    }

    @Test
    void aConditionThatThrowsParksTheEvent() throws Exception {
        Binding b = binding("""
                {"name": "paid", "topic": "payments", "correlationKey": "$.id",
                 "condition": "$.nested.deeper.type == 'x'", "action": "complete_task", "taskRef": "pay"}""");
        String value = "{\"id\": \"1\"}";
        EventMapper.Outcome o = mapper.map(record("k", value, null, null), b, json(value));
        assertThat(o).isInstanceOf(EventMapper.Parked.class);
        assertThat(((EventMapper.Parked) o).kind()).isEqualTo(EventMapper.Kind.CONDITION_FAILED);
        assertThat(((EventMapper.Parked) o).reason()).startsWith("condition of event source paid failed");
    }

    @Test
    void aMissingBusinessKeyParksTheEvent() throws Exception {
        Binding b = binding("""
                {"name": "paid", "topic": "payments", "correlationKey": "$.bookingId", "action": "complete_task", "taskRef": "pay"}""");
        String value = "{\"other\": \"1\"}";
        EventMapper.Parked p = (EventMapper.Parked) mapper.map(record("k", value, null, null), b, json(value));
        assertThat(p.kind()).isEqualTo(EventMapper.Kind.NO_KEY);
        assertThat(p.reason()).isEqualTo("no business key for event source paid: no value at $.bookingId in the event");
    }

    @Test
    void theBusinessKeyComesFromAHeaderOrElseTheRecordKey() throws Exception {
        Binding byHeader = binding("""
                {"name": "h", "topic": "payments", "correlationHeader": "booking-id", "action": "complete_task", "taskRef": "pay"}""");
        Binding byKey = binding("""
                {"name": "k", "topic": "payments", "action": "complete_task", "taskRef": "pay"}""");
        String value = "{}";
        ConsumerRecord<byte[], byte[]> r = record("RK-1", value, "booking-id", "HB-1");
        assertThat(((EventMapper.Mapped) mapper.map(r, byHeader, json(value)))
                        .record()
                        .businessKey())
                .isEqualTo("HB-1");
        assertThat(((EventMapper.Mapped) mapper.map(r, byKey, json(value)))
                        .record()
                        .businessKey())
                .isEqualTo("RK-1");
        EventMapper.Parked p = (EventMapper.Parked) mapper.map(record(null, value, null, null), byKey, json(value));
        assertThat(p.reason()).endsWith("the record has no key");
    }

    @Test
    void aStartTakesItsInputFromTheEventThroughInputParametersOrWholeByDefault() throws Exception {
        Binding mapped = binding("""
                {"name": "req", "topic": "bookings", "correlationKey": "$.bookingId", "action": "start_workflow",
                 "inputParameters": {"id": "${$.bookingId}", "who": "${$.passenger.name}", "fixed": 3}}""");
        Binding whole = binding("""
                {"name": "req2", "topic": "bookings", "correlationKey": "$.bookingId", "action": "start_workflow"}""");
        String value = "{\"bookingId\": \"BK-1\", \"passenger\": {\"name\": \"Ada\"}}";

        ObjectNode in = ((EventMapper.Mapped) mapper.map(record(null, value, null, null), mapped, json(value)))
                .record()
                .input();
        assertThat(in.toString()).isEqualTo("{\"id\":\"BK-1\",\"who\":\"Ada\",\"fixed\":3}");
        ObjectNode all = ((EventMapper.Mapped) mapper.map(record(null, value, null, null), whole, json(value)))
                .record()
                .input();
        assertThat(all).isEqualTo(json(value));
    }

    @Test
    void conditionsFollowJavaScriptTruthiness() throws Exception {
        assertThat(EventMapper.truthy(json("0"))).isFalse();
        assertThat(EventMapper.truthy(json("\"\""))).isFalse();
        assertThat(EventMapper.truthy(json("null"))).isFalse();
        assertThat(EventMapper.truthy(json("1"))).isTrue();
        assertThat(EventMapper.truthy(json("\"x\""))).isTrue();
        assertThat(EventMapper.truthy(json("{}"))).isTrue();
    }
}
