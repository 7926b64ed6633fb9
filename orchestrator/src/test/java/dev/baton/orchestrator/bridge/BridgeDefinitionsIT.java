package dev.baton.orchestrator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * On a node that runs the runtime the definitions topic is read once, by Kafka Streams into its global
 * store, and the bridge's view is served by that store: a binding or resource written is seen with its
 * record's timestamp, also after the node starts again from its checkpointed store.
 */
@KafkaCluster
class BridgeDefinitionsIT {

    @Test
    void theBridgeReadsTheGlobalStoreAndTheTopicIsReadOnce(KafkaTestCluster kafka) throws Exception {
        Path dataDir = Files.createTempDirectory("baton-bridge-defs-it");
        String applicationId = "baton-bridge-defs-it-" + UUID.randomUUID();
        Choreography c = new Choreography(kafka);
        String resource = "requested-" + c.id;
        Binding fromDefinition;
        Binding fromResource;

        try (BridgeApp app = BridgeApp.start(kafka, dataDir, applicationId)) {
            BridgeDefinitions definitions = app.context.getBean(BridgeDefinitions.class);
            assertThat(definitions).isInstanceOf(StoreDefinitions.class);
            assertThat(app.context.getBeansOfType(BridgeDefinitions.class)).hasSize(1);

            long before = System.currentTimeMillis();
            app.register(c.definition("observe", 60, true));
            BridgeApp.Reply created = app.call("POST", "/api/bridge/sources", source(resource, c));
            assertThat(created.status()).isEqualTo(200);
            long after = System.currentTimeMillis();

            // The write returned once the store applied it: the view has it, with its record's timestamp.
            fromResource = binding(definitions, resource);
            fromDefinition = binding(definitions, "requested");
            assertThat(fromResource.workflowName()).isEqualTo(c.workflow);
            assertThat(fromResource.registeredAt()).isBetween(before, after);
            assertThat(fromDefinition.registeredAt()).isBetween(before, after);
            assertThat(definitions.resource(resource)).isPresent();
            app.awaitBound(c.bookings);

            // One reader of the topic in this JVM: Kafka Streams' global consumer; the bridge's own is not made.
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !definitionsReaders().isEmpty());
            Set<String> readers = definitionsReaders();
            assertThat(readers).hasSize(1);
            assertThat(readers.iterator().next()).endsWith("global-consumer");
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("baton-bridge-definitions"));

            ConsumerRecord<byte[], byte[]> written = last(app, EventSourceKeys.key(resource));
            assertThat(fromResource.registeredAt()).isEqualTo(written.timestamp());
        }
        // The global store is persistent: the next start opens it with the offsets it had reached
        // (Kafka Streams keeps them with the store) rather than reading the topic again.
        assertThat(dataDir.resolve("streams")
                        .resolve(applicationId)
                        .resolve("global")
                        .resolve("rocksdb")
                        .resolve(Topics.DEFINITION_STORE))
                .isDirectory();

        // Again on the same data directory: the global store starts from its checkpoint, and its
        // records before it do not pass through the loader again; the view still has them, timestamps and all.
        try (BridgeApp app = BridgeApp.start(kafka, dataDir, applicationId)) {
            BridgeDefinitions definitions = app.context.getBean(BridgeDefinitions.class);
            definitions.awaitCurrent(java.time.Duration.ofSeconds(10));
            assertThat(binding(definitions, resource)).isEqualTo(fromResource);
            assertThat(binding(definitions, "requested")).isEqualTo(fromDefinition);

            String second = "second-" + c.id;
            long before = System.currentTimeMillis();
            assertThat(app.call("POST", "/api/bridge/sources", source(second, c))
                            .status())
                    .isEqualTo(200);
            long after = System.currentTimeMillis();
            assertThat(binding(definitions, second).registeredAt()).isBetween(before, after);
            assertThat(app.call("GET", "/api/bridge/sources/" + second, null).status())
                    .isEqualTo(200);

            assertThat(app.call("DELETE", "/api/bridge/sources/" + second, null).status())
                    .isBetween(200, 204);
            assertThat(definitions.resource(second)).isEmpty();
            assertThat(app.call("GET", "/api/bridge/sources/" + second, null).status())
                    .isEqualTo(404);
            definitions.awaitCurrent(java.time.Duration.ofSeconds(10));
            assertThat(definitionsReaders()).hasSize(1);
        }
    }

    private static String source(String name, Choreography c) {
        return """
                {"name": "%s", "workflowName": "%s", "topic": "%s", "correlationKey": "$.bookingId",
                 "condition": "$.type == 'BookingRequested'", "action": "start_workflow"}""".formatted(name, c.workflow, c.bookings);
    }

    private static Binding binding(BridgeDefinitions definitions, String sourceName) {
        return definitions.bindings().stream()
                .filter(b -> b.source().name().equals(sourceName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no binding " + sourceName + " in " + definitions.bindings()));
    }

    private static ConsumerRecord<byte[], byte[]> last(BridgeApp app, String key) {
        ConsumerRecord<byte[], byte[]> found = null;
        for (ConsumerRecord<byte[], byte[]> r : app.readAll(Topics.DEFINITIONS)) {
            if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                found = r;
            }
        }
        assertThat(found).isNotNull();
        return found;
    }

    /** The clients in this JVM that fetch the definitions topic (from their JMX fetch metrics). */
    private static Set<String> definitionsReaders() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<String> clients = new TreeSet<>();
        for (ObjectName n :
                server.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,*"), null)) {
            String topic = n.getKeyProperty("topic");
            if (Topics.DEFINITIONS.equals(topic)
                    || Topics.DEFINITIONS.replace('.', '_').equals(topic)) {
                clients.add(n.getKeyProperty("client-id"));
            }
        }
        return clients;
    }
}
