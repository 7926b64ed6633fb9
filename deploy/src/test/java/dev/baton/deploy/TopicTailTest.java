package dev.baton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.serde.AvroWireSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The registry-aware console consumer shows Avro records as plain JSON and JSON records as they are. */
class TopicTailTest {

    @Test
    void rendersConfluentWireFormatAvroAsPlainJson() {
        BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.inMemory();
        WorkflowEvent event = WorkflowEvent.newBuilder()
                .setEventId("wf-1:1")
                .setWorkflowId("wf-1")
                .setSeq(1)
                .setTimestamp(42)
                .setType(WorkflowEventType.WORKFLOW_STARTED)
                .setWorkflowName("flight_booking")
                .setWorkflowVersion(1)
                .setPayload("{\"bookingId\":\"BK-1\"}")
                .build();
        byte[] bytes =
                new AvroWireSerde<>(registry, WorkflowEvent.class).serializer().serialize("baton.events", event);
        assertThat(bytes[0]).isZero();

        String rendered = TopicTail.render(bytes, registry);

        assertThat(rendered)
                .contains("\"workflowId\":\"wf-1\"")
                .contains("\"type\":\"WORKFLOW_STARTED\"")
                .contains("\"seq\":1")
                .contains("\"taskId\":null")
                .doesNotContain("{\"string\"");
    }

    @Test
    void showsJsonAndTextAsTheyAre() {
        BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.inMemory();
        assertThat(TopicTail.render("{\"a\":1}".getBytes(StandardCharsets.UTF_8), registry))
                .isEqualTo("{\"a\":1}");
        assertThat(TopicTail.render(null, registry)).isEqualTo("null");
    }

    @Test
    void saysSoWhenTheSchemaIdIsUnknown() {
        byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 3};
        assertThat(TopicTail.render(unknownId, BuiltInSchemaRegistry.inMemory()))
                .startsWith("<undecodable Avro:");
    }
}
