package dev.baton.orchestrator.bridge;

import static dev.baton.orchestrator.bridge.BridgeApp.waitingAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.serde.AvroWireSerializer;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stand-alone event-source resources over HTTP, and one of them binding an Avro topic to a workflow. */
@KafkaCluster
class BridgeSourcesIT {
    private static final Schema BOOKING_REQUESTED = new Schema.Parser().parse("""
            {"type": "record", "name": "BookingRequested", "namespace": "test.bookings", "fields": [
              {"name": "type", "type": "string"}, {"name": "bookingId", "type": "string"},
              {"name": "seats", "type": "int"}]}""");
    private static BridgeApp app;
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void start(KafkaTestCluster cluster) throws Exception {
        kafka = cluster;
        app = BridgeApp.start(cluster);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aResourceIsCreatedReadUpdatedAndDeletedAndBindsAnAvroTopic() throws Exception {
        Choreography c = new Choreography(kafka);
        String avroTopic = "booking-requests-avro-" + c.id;
        kafka.createTopic(avroTopic, 3);
        app.register(c.definition("observe", 60, false));
        String name = "requested-" + c.id;
        String source = """
                {"name": "%s", "workflowName": "%s", "topic": "%s", "format": "AVRO", "correlationKey": "$.bookingId",
                 "condition": "$.type == 'BookingRequested'", "action": "start_workflow",
                 "inputParameters": {"bookingId": "${$.bookingId}", "seats": "${$.seats}", "channel": "avro"}}""".formatted(name, c.workflow, avroTopic);

        BridgeApp.Reply created = app.call("POST", "/api/bridge/sources", source);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("topic").asText()).isEqualTo(avroTopic);
        BridgeApp.Reply again = app.call("POST", "/api/bridge/sources", source);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("CONFLICT");

        BridgeApp.Reply one = app.call("GET", "/api/bridge/sources/" + name, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("workflowName").asText()).isEqualTo(c.workflow);
        assertThat(one.json().path("format").asText()).isEqualTo("AVRO");
        List<String> names = new ArrayList<>();
        app.call("GET", "/api/bridge/sources", null)
                .json()
                .forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).contains(name);

        // The resource binds its topic: an Avro BookingRequested starts an instance.
        app.awaitBound(avroTopic);
        SchemaRegistryClient registry = app.context.getBean(SchemaRegistryClient.class);
        try (KafkaProducer<String, GenericRecord> avro = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new AvroWireSerializer<>(registry, false, true))) {
            GenericRecord r = new GenericData.Record(BOOKING_REQUESTED);
            r.put("type", "BookingRequested");
            r.put("bookingId", "BK-AVRO");
            r.put("seats", 2);
            avro.send(new ProducerRecord<>(avroTopic, "BK-AVRO", r)).get();
        }
        WorkflowInstance wf = app.awaitInstance(c.workflow, "BK-AVRO", w -> waitingAt(w, "reserve_seat"));
        assertThat(wf.input.toString()).isEqualTo("{\"bookingId\":\"BK-AVRO\",\"seats\":2,\"channel\":\"avro\"}");
        assertThat(wf.correlationId).isEqualTo("BK-AVRO");

        // PUT replaces it.
        BridgeApp.Reply put = app.call("PUT", "/api/bridge/sources", source.replace("'BookingRequested'", "'Booked'"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(app.call("GET", "/api/bridge/sources/" + name, null)
                        .json()
                        .path("condition")
                        .asText())
                .isEqualTo("$.type == 'Booked'");

        // DELETE removes it; then it is gone.
        assertThat(app.call("DELETE", "/api/bridge/sources/" + name, null).status())
                .isEqualTo(200);
        assertThat(app.call("GET", "/api/bridge/sources/" + name, null).status())
                .isEqualTo(404);
        BridgeApp.Reply deleteAgain = app.call("DELETE", "/api/bridge/sources/" + name, null);
        assertThat(deleteAgain.status()).isEqualTo(404);
        assertThat(deleteAgain.json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anInvalidResourceIsRefusedNamingEachField() throws Exception {
        BridgeApp.Reply bad = app.call("POST", "/api/bridge/sources", """
                {"name": "broken", "topic": "not a topic!", "correlationKey": "bookingId", "action": "explode"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("INVALID_INPUT");
        List<String> paths = new ArrayList<>();
        for (JsonNode e : bad.json().path("validationErrors")) {
            paths.add(e.path("path").asText());
        }
        assertThat(paths).containsExactlyInAnyOrder("$.topic", "$.correlationKey", "$.action", "$.workflowName");

        BridgeApp.Reply noTask = app.call("POST", "/api/bridge/sources", """
                {"name": "x", "workflowName": "w", "topic": "t", "action": "complete_task"}""");
        assertThat(noTask.status()).isEqualTo(400);
        assertThat(noTask.json().path("validationErrors").get(0).path("path").asText())
                .isEqualTo("$.taskRef");

        BridgeApp.Reply notJson = app.call("POST", "/api/bridge/sources", "{nope");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("validationErrors").get(0).path("path").asText())
                .isEqualTo("$");
        assertThat(app.call("GET", "/api/bridge/sources/broken", null).status()).isEqualTo(404);
    }
}
