package dev.baton.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StateWatcherTest {
    private static final ProtocolCodec CODEC = ProtocolCodec.json();
    private static final TopicPartition STATE_0 = new TopicPartition(Topics.STATE, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private long offset;

    StateWatcherTest() {
        consumer.updatePartitions(Topics.STATE, List.of(new PartitionInfo(Topics.STATE, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(STATE_0, 0L));
    }

    /** A REST start answers once the workflow is visible: a short one may have finished before its id is watched. */
    @Test
    void aWorkflowThatFinishedBeforeItsIdWasWatchedCountsAsFinished() {
        Set<String> watched = ConcurrentHashMap.newKeySet();
        try (StateWatcher watcher = new StateWatcher(consumer, CODEC, watched)) {
            record("wf-1", WorkflowStatus.RUNNING);
            record("wf-1", WorkflowStatus.COMPLETED);
            record("wf-2", WorkflowStatus.RUNNING);
            watcher.poll(Duration.ZERO);

            watched.add("wf-1");
            watched.add("wf-2");
            watcher.poll(Duration.ZERO);

            assertThat(watcher.finished()).isEqualTo(1);
            assertThat(watcher.snapshots()).containsOnlyKeys("wf-1", "wf-2");
            assertThat(watcher.snapshots().get("wf-1").getStatus()).isEqualTo(WorkflowStatus.COMPLETED);

            record("wf-2", WorkflowStatus.COMPLETED);
            record("wf-3", WorkflowStatus.COMPLETED);
            watcher.poll(Duration.ZERO);
            assertThat(watcher.finished()).isEqualTo(2);
            assertThat(watcher.snapshots()).containsOnlyKeys("wf-1", "wf-2");
        }
    }

    @Test
    void aRecordReadAfterTheIdIsWatchedWinsOverOneKeptFromBefore() {
        Set<String> watched = ConcurrentHashMap.newKeySet();
        try (StateWatcher watcher = new StateWatcher(consumer, CODEC, watched)) {
            record("wf-1", WorkflowStatus.RUNNING);
            watcher.poll(Duration.ZERO);
            watched.add("wf-1");
            record("wf-1", WorkflowStatus.FAILED);
            watcher.poll(Duration.ZERO);
            assertThat(watcher.snapshots().get("wf-1").getStatus()).isEqualTo(WorkflowStatus.FAILED);
        }
    }

    private void record(String id, WorkflowStatus status) {
        WorkflowSnapshot snapshot = WorkflowSnapshot.newBuilder().setWorkflowId(id).setWorkflowName("flight_booking")
                .setWorkflowVersion(1).setStatus(status).setStartTime(1L).setUpdateTime(2L).setLastSeq(offset + 1).build();
        consumer.addRecord(new ConsumerRecord<>(Topics.STATE, 0, offset++, id, CODEC.encodeSnapshot(snapshot)));
    }
}
