package dev.baton.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThreeNodeClusterTest {

    private static EmbeddedKafkaCluster kafka;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaCluster.builder().nodes(3).build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void threeBrokersWithReplicatedInternalTopicDefaults() throws Exception {
        assertThat(kafka.nodeCount()).isEqualTo(3);
        assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
        assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
        var config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
        assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("3");
        assertThat(config.get("transaction.state.log.replication.factor").value())
                .isEqualTo("3");
        assertThat(config.get("transaction.state.log.min.isr").value()).isEqualTo("2");
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
    }

    @Test
    void acksAllProduceSurvivesOneStoppedNodeWhichThenRejoins() throws Exception {
        String topic = "replicated";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all()
                .get();
        int leader = describe(topic).partitions().get(0).leader().id();

        kafka.stopNode(leader);
        try {
            assertThat(kafka.isNodeRunning(leader)).isFalse();
            Map<String, Object> idempotent = Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(), idempotent)) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "while-down-" + i))
                            .get();
                }
            }
            assertThat(isr(topic)).hasSize(2).doesNotContain(leader);
        } finally {
            kafka.startNode(leader);
        }
        assertThat(kafka.isNodeRunning(leader)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (isr(topic).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(isr(topic)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(Clients.readValues(kafka.bootstrapServers(), topic, "read_committed", 5, Duration.ofSeconds(20)))
                .hasSize(5);
    }

    /** Describes {@code topic}, waiting while the answering broker has not yet seen it (metadata lag). */
    private static TopicDescription describe(String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic);
                if (d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return d;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(20);
        }
    }

    private static Set<Integer> isr(String topic) throws Exception {
        return describe(topic).partitions().get(0).isr().stream().map(Node::id).collect(Collectors.toSet());
    }
}
