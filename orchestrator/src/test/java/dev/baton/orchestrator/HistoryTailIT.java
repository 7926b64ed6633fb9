package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.orchestrator.history.HistoryTail;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The live history tail: from the end, only the subscribed instance, an undecodable record skipped. */
@KafkaCluster
class HistoryTailIT {

    @Test
    void aSubscriberGetsTheEventsWrittenAfterItSubscribed(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> props = Map.of("baton.encoding", "json", "baton.http-worker.enabled", "false");
        try (BatonTestApp app = BatonTestApp.start(kafka.bootstrapServers(), props);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            HistoryTail tail = app.context.getBean(HistoryTail.class);
            String id = "tail-" + UUID.randomUUID();
            String other = id + "-other";
            producer.send(record(app, id, 1)).get();

            List<ObjectNode> received = new CopyOnWriteArrayList<>();
            try (HistoryTail.Subscription s = tail.subscribe(id, received::add)) {
                assertThat(s).isNotNull();
                assertThat(tail.subscriptions()).isEqualTo(1);
                producer.send(record(app, other, 1)).get();
                producer.send(new ProducerRecord<>(Topics.EVENTS, id, new byte[] {0, 1, 2}))
                        .get();
                producer.send(record(app, id, 2)).get();
                producer.send(record(app, id, 3)).get();

                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < 2) {
                    assertThat(System.nanoTime()).as("two events within 30 s").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(received).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L);
                assertThat(received)
                        .allSatisfy(
                                e -> assertThat(e.path("workflowId").asText()).isEqualTo(id));
            }
            assertThat(tail.subscriptions()).isZero();
        }
    }

    private static ProducerRecord<String, byte[]> record(BatonTestApp app, String id, long seq) {
        WorkflowEvent e = WorkflowEvent.newBuilder()
                .setEventId(id + "-" + seq)
                .setWorkflowId(id)
                .setSeq(seq)
                .setTimestamp(System.currentTimeMillis())
                .setType(WorkflowEventType.WORKFLOW_STARTED)
                .setWorkflowName("tail_test")
                .setWorkflowVersion(1)
                .build();
        return new ProducerRecord<>(Topics.EVENTS, id, app.codec().encodeEvent(e));
    }
}
