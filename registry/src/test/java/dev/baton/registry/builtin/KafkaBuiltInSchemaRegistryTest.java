package dev.baton.registry.builtin;

import static dev.baton.registry.TestSchemas.ORDER_REQUIRED_FIELD;
import static dev.baton.registry.TestSchemas.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryException;
import dev.baton.registry.test.Order;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The built-in registry on a real broker: its topic, restarts, several instances sharing the topic. */
@KafkaCluster
class KafkaBuiltInSchemaRegistryTest {

    private static final String V2 = Order.getClassSchema().toString();

    KafkaTestCluster kafka;

    private BuiltInRegistryConfig config(String topic) {
        return BuiltInRegistryConfig.builder(kafka.bootstrapServers())
                .topic(topic)
                .operationTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static String topic() {
        return "baton.schemas-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsACompactedSinglePartitionTopic() throws Exception {
        String topic = topic();
        try (BuiltInSchemaRegistry registry = BuiltInSchemaRegistry.start(config(topic))) {
            TopicDescription description = kafka.admin()
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config configs =
                    kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(configs.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(registry.register("orders-value", ORDER_V1)).isEqualTo(1);
        }
    }

    @Test
    void rebuildsItsStateFromTheTopicOnStart() {
        String topic = topic();
        try (BuiltInSchemaRegistry first = BuiltInSchemaRegistry.start(config(topic))) {
            first.register("orders-value", ORDER_V1);
            first.register("orders-value", V2);
            first.register("other-value", "\"string\"");
            first.setCompatibility("orders-value", CompatibilityLevel.FULL);
            first.deleteSubject("other-value", false);
        }
        try (BuiltInSchemaRegistry second = BuiltInSchemaRegistry.start(config(topic))) {
            assertThat(second.getSubjects()).containsExactly("orders-value");
            assertThat(second.getLatest("orders-value"))
                    .isEqualTo(new RegisteredSchema("orders-value", 2, 2, Order.getClassSchema()));
            assertThat(second.getCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FULL);
            assertThat(second.getVersions("other-value", true)).containsExactly(1);
            assertThat(second.register("orders-value", V2)).isEqualTo(2);
            assertThat(second.register("more-value", "\"long\"")).isEqualTo(4);
            assertThatThrownBy(() -> second.register("orders-value", ORDER_REQUIRED_FIELD))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(409));
        }
    }

    @Test
    void aWriteOnOneInstanceIsVisibleOnAnother() {
        String topic = topic();
        try (BuiltInSchemaRegistry a = BuiltInSchemaRegistry.start(config(topic));
                BuiltInSchemaRegistry b = BuiltInSchemaRegistry.start(config(topic))) {
            int id = a.register("orders-value", ORDER_V1);
            // a miss makes b catch up with the topic, so the new id resolves at once
            assertThat(b.getById(id).getFields()).hasSize(2);
            assertThat(b.getLatest("orders-value").id()).isEqualTo(id);

            // b's compatibility check sees a's version
            assertThatThrownBy(() -> b.register("orders-value", ORDER_REQUIRED_FIELD))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(409));
            int id2 = b.register("orders-value", V2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.getLatest("orders-value").version() == 2);
            assertThat(a.getLatest("orders-value").id()).isEqualTo(id2);
            assertThat(a.register("orders-value", V2)).isEqualTo(id2);
        }
    }

    @Test
    void concurrentRegistrationsOnTwoInstancesNeverCollide() throws Exception {
        String topic = topic();
        int perInstance = 6;
        try (BuiltInSchemaRegistry a = BuiltInSchemaRegistry.start(config(topic));
                BuiltInSchemaRegistry b = BuiltInSchemaRegistry.start(config(topic))) {
            a.setCompatibility("shared-value", CompatibilityLevel.NONE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<RegisteredSchema>> tasks = new ArrayList<>();
                for (int i = 0; i < perInstance; i++) {
                    tasks.add(registration(a, "a" + i));
                    tasks.add(registration(b, "b" + i));
                }
                List<RegisteredSchema> results = new ArrayList<>();
                for (Future<RegisteredSchema> f : pool.invokeAll(tasks)) {
                    results.add(f.get());
                }
                Set<Integer> ids = new HashSet<>();
                Set<Integer> versions = new HashSet<>();
                results.forEach(r -> {
                    ids.add(r.id());
                    versions.add(r.version());
                });
                assertThat(ids).hasSize(2 * perInstance);
                assertThat(versions).hasSize(2 * perInstance);
                assertThat(versions).allMatch(v -> v >= 1 && v <= 2 * perInstance);
            } finally {
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.getVersions("shared-value").size() == 2 * perInstance
                            && b.getVersions("shared-value").size() == 2 * perInstance);
            for (int v = 1; v <= 2 * perInstance; v++) {
                assertThat(a.getVersion("shared-value", v)).isEqualTo(b.getVersion("shared-value", v));
            }
        }
    }

    private static Callable<RegisteredSchema> registration(BuiltInSchemaRegistry registry, String field) {
        String schema =
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"" + field + "\",\"type\":\"int\"}]}";
        return () -> registry.registerAndGet("shared-value", schema);
    }
}
