package dev.baton.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowSnapshot;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The Kafka serde writes plain JSON and turns bad input into SerializationException. */
class JsonRecordSerdeTest {

    private final JsonRecordSerde<WorkflowEvent> serde = new JsonRecordSerde<>(WorkflowEvent.class);

    @Test
    void roundTripsThroughKafkaSerializerAndDeserializer() {
        WorkflowEvent event = ProtocolSamples.workflowEvent();

        byte[] bytes = serde.serializer().serialize("baton.events", event);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{\"eventId\":\"e-1\",\"workflowId\":\"wf-1\",\"seq\":7,")
                .contains("\"type\":\"TASK_COMPLETED\"");
        assertThat(serde.deserializer().deserialize("baton.events", bytes)).isEqualTo(event);
        assertThat(serde.deserializer().deserialize("baton.events", new RecordHeaders(), bytes))
                .isEqualTo(event);
        assertThat(serde.type()).isEqualTo(WorkflowEvent.class);
    }

    @Test
    void nullIsATombstoneBothWays() {
        JsonRecordSerde<WorkflowSnapshot> snapshots = new JsonRecordSerde<>(WorkflowSnapshot.class);

        assertThat(snapshots.serializer().serialize("baton.state", null)).isNull();
        assertThat(snapshots.deserializer().deserialize("baton.state", null)).isNull();
    }

    @Test
    void malformedJsonIsASerializationExceptionWithTopicAndType() {
        byte[] bad = "{\"eventId\": \"e\",".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("baton.events", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith(
                        "Cannot deserialize WorkflowEvent from JSON on topic baton.events: $: invalid JSON")
                .hasCauseInstanceOf(AvroJsonException.class);
    }

    @Test
    void emptyTrailingAndDuplicateInputAreRejected() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("empty JSON document");
        byte[] trailing = (AvroJson.toJson(ProtocolSamples.workflowEvent()) + " {}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid JSON");
        byte[] duplicate = "{\"seq\":1,\"seq\":2}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", duplicate))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void jsonOfTheWrongShapeNamesTheField() {
        byte[] wrongType = ("{\"eventId\":\"e\",\"workflowId\":\"wf\",\"seq\":\"seven\",\"timestamp\":1,"
                        + "\"type\":\"WORKFLOW_STARTED\",\"workflowName\":\"w\",\"workflowVersion\":1}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] notAnObject = "[1,2]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("baton.events", wrongType))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("$.seq: expected long but got a JSON string");
        assertThatThrownBy(() -> serde.deserializer().deserialize("baton.events", notAnObject))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("$: expected a JSON object but got a JSON array");
    }

    @Test
    void unserializableRecordIsASerializationException() {
        WorkflowEvent event = ProtocolSamples.workflowEvent();
        event.setWorkflowName(null);

        assertThatThrownBy(() -> serde.serializer().serialize("baton.events", event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize WorkflowEvent as JSON for topic baton.events")
                .hasMessageContaining("$.workflowName: null value for non-nullable type string");
    }
}
