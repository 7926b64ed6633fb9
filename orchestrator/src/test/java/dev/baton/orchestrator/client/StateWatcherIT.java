package dev.baton.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The watcher the tests and the demo count finished workflows with, on a real broker (a cluster of its
 * own: the one-partition state topic made here must not meet Baton's topic checks in other tests).
 */
@KafkaCluster(isolated = true)
class StateWatcherIT {
    private static final ProtocolCodec CODEC = ProtocolCodec.json();
    private long seq;

    /** A REST start answers once the workflow is visible: a short one may have finished before its id is watched. */
    @Test
    void aWorkflowThatFinishedBeforeItsIdWasWatchedCountsAsFinished(KafkaTestCluster kafka) throws Exception {
        kafka.createTopic(Topics.STATE, 1);
        String run = UUID.randomUUID().toString();
        String early = run + "-early";
        String late = run + "-late";
        String sentinel = run + "-sentinel";
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Set<String> watched = ConcurrentHashMap.newKeySet();
        watched.add(sentinel);
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer());
                StateWatcher watcher = new StateWatcher(client, CODEC, watched)) {
            // all on partition 0, so the sentinel arrives after the others
            send(producer, early, WorkflowStatus.RUNNING);
            send(producer, early, WorkflowStatus.COMPLETED);
            send(producer, late, WorkflowStatus.RUNNING);
            send(producer, sentinel, WorkflowStatus.RUNNING);
            producer.flush();
            pollUntil(watcher, () -> watcher.snapshots().containsKey(sentinel));

            watched.add(early);
            watched.add(late);
            watcher.poll(Duration.ZERO);
            assertThat(watcher.snapshots()).containsOnlyKeys(early, late, sentinel);
            assertThat(watcher.snapshots().get(early).getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(watcher.snapshots().get(late).getStatus()).isEqualTo(WorkflowStatus.RUNNING);

            // a record read after its id is watched wins over one kept from before
            send(producer, late, WorkflowStatus.FAILED);
            producer.flush();
            pollUntil(watcher, () -> watcher.snapshots().get(late).getStatus() == WorkflowStatus.FAILED);
            assertThat(watcher.snapshots().get(early).getStatus()).isEqualTo(WorkflowStatus.COMPLETED);
        }
    }

    private static void pollUntil(StateWatcher watcher, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("the watcher caught up within 30 s")
                    .isLessThan(deadline);
            watcher.poll(Duration.ofMillis(200));
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String id, WorkflowStatus status) {
        WorkflowSnapshot snapshot = WorkflowSnapshot.newBuilder()
                .setWorkflowId(id)
                .setWorkflowName("flight_booking")
                .setWorkflowVersion(1)
                .setStatus(status)
                .setStartTime(1L)
                .setUpdateTime(2L)
                .setLastSeq(++seq)
                .build();
        producer.send(new ProducerRecord<>(Topics.STATE, 0, id, CODEC.encodeSnapshot(snapshot)));
    }
}
