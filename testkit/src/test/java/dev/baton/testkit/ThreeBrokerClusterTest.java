package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class ThreeBrokerClusterTest {

    static KafkaTestCluster kafka;

    @Test
    void getsItsOwnThreeNodeCluster() throws Exception {
        assertThat(kafka.isShared()).isFalse();
        assertThat(kafka.nodeCount()).isEqualTo(3);
        assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
        assertThat(kafka.bootstrapServers())
                .doesNotContain(KafkaTestCluster.shared().bootstrapServers());
        // every broker learns of the others on its own: the one answering may need a moment for the last one
        long deadline = System.nanoTime() + 10_000_000_000L;
        var nodes = kafka.admin().describeCluster().nodes().get();
        while (nodes.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            nodes = kafka.admin().describeCluster().nodes().get();
        }
        assertThat(nodes).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void topicsAreReplicatedThreeTimesAndSurviveAStoppedNode() throws Exception {
        kafka.createTopic("three-way", 2);
        var partitions = kafka.admin()
                .describeTopics(List.of("three-way"))
                .allTopicNames()
                .get()
                .get("three-way")
                .partitions();
        assertThat(partitions).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));

        kafka.stopNode(2);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("three-way", "k", "v")).get();
        } finally {
            kafka.startNode(2);
        }
        assertThat(kafka.isNodeRunning(2)).isTrue();
    }

    @Nested
    class Inner {

        @Test
        void nestedClassesShareTheEnclosingClassCluster(KafkaTestCluster inner) {
            assertThat(inner).isSameAs(kafka);
        }
    }
}
