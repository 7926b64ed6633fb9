package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaCluster
class ClientHelpersTest {

    KafkaTestCluster kafka;

    @Test
    void createTopicIsIdempotentAndWaitsForLeaders() throws Exception {
        kafka.createTopic("helpers-topic", 4);
        kafka.createTopic("helpers-topic", 4);
        var description = kafka.admin()
                .describeTopics(List.of("helpers-topic"))
                .allTopicNames()
                .get()
                .get("helpers-topic");
        assertThat(description.partitions())
                .hasSize(4)
                .allSatisfy(p -> assertThat(p.leader()).isNotNull());

        kafka.createTopic(new NewTopic("helpers-compacted", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        String unique = kafka.createUniqueTopic("helpers", 2);
        assertThat(unique).startsWith("helpers-");
        assertThat(kafka.admin().listTopics().names().get()).contains("helpers-topic", "helpers-compacted", unique);
    }

    @Test
    void adminSurvivesTryWithResources() throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        assertThat(kafka.admin().describeCluster().nodes().get()).hasSize(1);
    }

    @Test
    void clientPropsPointAtTheClusterWithSafeDefaults() {
        Map<String, Object> producer = kafka.producerProps();
        assertThat(producer)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, Object> consumer = kafka.consumerProps("g1");
        assertThat(consumer)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g1")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        producer.put("linger.ms", 1);
        assertThat(kafka.producerProps()).doesNotContainKey("linger.ms");
    }

    @Test
    void transactionalProduceIsReadCommittedByHelperClients() {
        String topic = kafka.createUniqueTopic("helpers-tx", 1);
        Map<String, Object> txProps = kafka.producerProps();
        txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "helpers-tx-" + topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(txProps)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "wf-1", "rolled-back"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "wf-1", "committed"));
            producer.commitTransaction();
        }
        try (KafkaProducer<String, String> plain = kafka.producer()) {
            plain.send(new ProducerRecord<>(topic, "wf-2", "plain"));
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = kafka.consumer("helpers-reader")) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(r.value());
                }
            }
        }
        assertThat(seen).containsExactly("committed", "plain");
    }
}
