package dev.baton.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SingleNodeClusterTest {

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaCluster.builder().build().start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void runsOneNodeOnLoopback() throws Exception {
        assertThat(kafka.nodeCount()).isEqualTo(1);
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(kafka.clusterId()).isNotBlank();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
            assertThat(admin.describeCluster().nodes().get())
                    .singleElement()
                    .satisfies(n -> assertThat(n.host()).isEqualTo("127.0.0.1"));
        }
    }

    @Test
    void producesAndConsumes() throws Exception {
        createTopic("plain", 3);
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("plain", "k" + i, "v" + i)).get();
            }
        }
        List<String> values =
                Clients.readValues(kafka.bootstrapServers(), "plain", "read_uncommitted", 10, Duration.ofSeconds(20));
        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        createTopic("tx", 1);
        Map<String, Object> tx = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(), tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
            producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
            producer.commitTransaction();
        }
        List<String> committed =
                Clients.readValues(kafka.bootstrapServers(), "tx", "read_committed", 2, Duration.ofSeconds(20));
        assertThat(committed).containsExactly("committed-1", "committed-2");
        List<String> all =
                Clients.readValues(kafka.bootstrapServers(), "tx", "read_uncommitted", 3, Duration.ofSeconds(20));
        assertThat(all).containsExactly("aborted", "committed-1", "committed-2");
    }

    @Test
    void startingTwiceIsRejected() {
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownNodeIdIsRejected() {
        assertThatThrownBy(() -> kafka.stopNode(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }
}
