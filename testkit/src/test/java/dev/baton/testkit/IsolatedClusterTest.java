package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@KafkaCluster(isolated = true)
class IsolatedClusterTest {

    @Test
    void getsAPrivateSingleNodeThatMayBeRestarted(KafkaTestCluster kafka) throws Exception {
        assertThat(kafka.isShared()).isFalse();
        assertThat(kafka.nodeCount()).isEqualTo(1);
        assertThat(kafka).isNotSameAs(KafkaTestCluster.shared());
        assertThat(kafka.bootstrapServers())
                .isNotEqualTo(KafkaTestCluster.shared().bootstrapServers());

        kafka.createTopic("isolated", 1);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>("isolated", "k", "before")).get();
        }
        kafka.stopNode(0);
        kafka.startNode(0);
        try (KafkaConsumer<String, String> consumer = kafka.consumer("isolated-reader")) {
            consumer.subscribe(List.of("isolated"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(100));
            }
            assertThat(records.iterator().next().value()).isEqualTo("before");
        }
    }
}
