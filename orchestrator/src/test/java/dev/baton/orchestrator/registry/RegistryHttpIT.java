package dev.baton.orchestrator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.registry.client.HttpSchemaRegistryClient;
import dev.baton.registry.serde.AvroSerdeConfig;
import dev.baton.registry.serde.AvroWireSerde;
import dev.baton.registry.serde.AvroWireSerializer;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in registry served by a real orchestrator (Micronaut on a random port, real broker):
 * the Confluent REST subset, its error format, and the Avro serde talking to it over HTTP.
 */
@KafkaCluster
class RegistryHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUIRED_FIELD = """
            {"type":"record","name":"Payment","namespace":"dev.baton.orchestrator.registry","fields":[
              {"name":"id","type":"string"},
              {"name":"cents","type":"long"},
              {"name":"payer","type":"string"}]}""";

    private static EmbeddedServer server;
    private static String url;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Reply(int status, String contentType, JsonNode json) {}

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put(
                "baton.data-dir", Files.createTempDirectory("baton-registry-it").toString());
        props.put("baton.application-id", "baton-registry-it-" + UUID.randomUUID());
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        url = server.getURL() + "/registry";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private static String subject() {
        return "payments-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

    private static String body(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.schemaregistry.v1+json");
        if (body != null) {
            b.header("Content-Type", "application/vnd.schemaregistry.v1+json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("error_code").asInt()).as(reply.toString()).isEqualTo(errorCode);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    @Test
    void registersAndReadsBackOverHttp() throws Exception {
        String subject = subject();
        Reply registered = call("POST", "/subjects/" + subject + "/versions", body(Payment.V1));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        int id = registered.json().get("id").asInt();
        assertThat(call("POST", "/subjects/" + subject + "/versions", body(Payment.V1))
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(id);

        Schema v1 = new Schema.Parser().parse(Payment.V1);
        assertThat(new Schema.Parser()
                        .parse(call("GET", "/schemas/ids/" + id, null)
                                .json()
                                .get("schema")
                                .asText()))
                .isEqualTo(v1);
        assertThat(new Schema.Parser()
                        .parse(call("GET", "/schemas/ids/" + id + "/schema", null)
                                .json()
                                .toString()))
                .isEqualTo(v1);
        assertThat(call("GET", "/schemas/ids/" + id + "/subjects", null).json())
                .extracting(JsonNode::asText)
                .contains(subject);
        assertThat(call("GET", "/subjects", null).json())
                .extracting(JsonNode::asText)
                .contains(subject);
        assertThat(call("GET", "/subjects/" + subject + "/versions", null)
                        .json()
                        .toString())
                .isEqualTo("[1]");

        JsonNode latest =
                call("GET", "/subjects/" + subject + "/versions/latest", null).json();
        assertThat(latest.get("subject").asText()).isEqualTo(subject);
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(v1);
        assertThat(call("GET", "/subjects/" + subject + "/versions/1", null).json())
                .isEqualTo(latest);
        assertThat(call("POST", "/subjects/" + subject, body(Payment.V1)).json())
                .isEqualTo(latest);
        assertThat(call("GET", "/schemas/types", null).json().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void plainJsonClientsAreServedToo() throws Exception {
        String subject = subject();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(Payment.V1)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("id").asInt()).isPositive();

        HttpRequest empty = HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> refused = HTTP.send(empty, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("error_code").asInt()).isEqualTo(422);
    }

    @Test
    void anIncompatibleVersionIsRefusedWith409() throws Exception {
        String subject = subject();
        call("POST", "/subjects/" + subject + "/versions", body(Payment.V1));

        Reply check = call(
                "POST", "/compatibility/subjects/" + subject + "/versions/latest?verbose=true", body(REQUIRED_FIELD));
        assertThat(check.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(check.json().get("messages").toString()).contains("payer");
        assertThat(call(
                                "POST",
                                "/compatibility/subjects/" + subject + "/versions/latest",
                                body(Payment.SCHEMA$.toString()))
                        .json()
                        .get("is_compatible")
                        .asBoolean())
                .isTrue();

        Reply refused = call("POST", "/subjects/" + subject + "/versions", body(REQUIRED_FIELD));
        assertError(refused, 409, 409);
        assertThat(refused.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(refused.json().get("message").asText()).contains("incompatible", "payer");
        assertThat(call("GET", "/subjects/" + subject + "/versions", null)
                        .json()
                        .toString())
                .isEqualTo("[1]");
    }

    @Test
    void errorsUseConfluentStatusesAndCodes() throws Exception {
        String subject = subject();
        assertError(call("GET", "/subjects/" + subject + "/versions", null), 404, 40401);
        assertError(call("GET", "/schemas/ids/987654", null), 404, 40403);
        assertError(call("POST", "/subjects/" + subject + "/versions", body("{\"type\":\"nope\"}")), 422, 42201);
        call("POST", "/subjects/" + subject + "/versions", body(Payment.V1));
        assertError(call("GET", "/subjects/" + subject + "/versions/7", null), 404, 40402);
        assertError(call("GET", "/subjects/" + subject + "/versions/abc", null), 422, 42202);
        assertError(call("POST", "/subjects/" + subject, body(REQUIRED_FIELD)), 404, 40403);
        assertError(call("PUT", "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(call("GET", "/config/" + subject, null), 404, 40408);
        assertError(call("POST", "/subjects/" + subject + "/versions", "{not json"), 400, 400);
    }

    @Test
    void compatibilityIsConfigurablePerSubject() throws Exception {
        String subject = subject();
        assertThat(call("GET", "/config", null).json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        call("POST", "/subjects/" + subject + "/versions", body(Payment.V1));

        assertThat(call("PUT", "/config/" + subject, "{\"compatibility\":\"NONE\"}")
                        .json()
                        .toString())
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("GET", "/config/" + subject, null)
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        assertThat(call("POST", "/subjects/" + subject + "/versions", body(REQUIRED_FIELD))
                        .status())
                .isEqualTo(200);

        assertThat(call("DELETE", "/config/" + subject, null)
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("NONE");
        assertThat(call("GET", "/config/" + subject + "?defaultToGlobal=true", null)
                        .json()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void deletesSubjectsSoftThenPermanently() throws Exception {
        String subject = subject();
        call("POST", "/subjects/" + subject + "/versions", body(Payment.V1));
        assertError(call("DELETE", "/subjects/" + subject + "?permanent=true", null), 404, 40405);
        assertThat(call("DELETE", "/subjects/" + subject, null).json().toString())
                .isEqualTo("[1]");
        assertError(call("GET", "/subjects/" + subject + "/versions", null), 404, 40401);
        assertThat(call("GET", "/subjects/" + subject + "/versions?deleted=true", null)
                        .json()
                        .toString())
                .isEqualTo("[1]");
        assertThat(call("DELETE", "/subjects/" + subject + "?permanent=true", null)
                        .json()
                        .toString())
                .isEqualTo("[1]");
        assertThat(call("GET", "/subjects?deleted=true", null).json())
                .extracting(JsonNode::asText)
                .doesNotContain(subject);
    }

    @Test
    void theSerdeRoundTripsThroughKafkaAndTheRegistryOverHttpAcrossSchemaVersions(KafkaTestCluster kafka)
            throws Exception {
        String topic = kafka.createUniqueTopic("payments", 1);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url);

        // version 1, written by an older producer as a generic record
        GenericRecord old = new GenericData.Record(new Schema.Parser().parse(Payment.V1));
        old.put("id", "p-1");
        old.put("cents", 1250L);
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(
                kafka.producerProps(), new StringSerializer(), new AvroWireSerializer<>(client, false, true))) {
            producer.send(new ProducerRecord<>(topic, "p-1", old)).get();
        }
        // version 2, by a producer configured the Kafka way
        AvroWireSerializer<Payment> configured = new AvroWireSerializer<>();
        configured.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);
        try (KafkaProducer<String, Payment> producer =
                new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), configured)) {
            producer.send(new ProducerRecord<>(topic, "p-2", new Payment("p-2", 990L, "CHF")))
                    .get();
        }
        assertThat(call("GET", "/subjects/" + topic + "-value/versions", null)
                        .json()
                        .toString())
                .isEqualTo("[1,2]");

        AvroWireSerde<Payment> serde =
                new AvroWireSerde<>(new HttpSchemaRegistryClient(url), Payment.class, false, true);
        Map<String, Object> consumerProps = kafka.consumerProps("registry-it-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Payment> read = new ArrayList<>();
        try (KafkaConsumer<String, Payment> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Payment> r : consumer.poll(Duration.ofMillis(200))) {
                    read.add(r.value());
                }
            }
        }
        assertThat(read).hasSize(2);
        assertThat(read.get(0).id()).isEqualTo("p-1");
        assertThat(read.get(0).cents()).isEqualTo(1250L);
        assertThat(read.get(0).currency()).isEqualTo("EUR"); // default of the reader's version
        assertThat(read.get(1).id()).isEqualTo("p-2");
        assertThat(read.get(1).currency()).isEqualTo("CHF");
    }
}
