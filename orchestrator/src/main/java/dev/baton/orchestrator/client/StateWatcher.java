package dev.baton.orchestrator.client;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the compacted state topic (read_committed) and keeps the latest status of the
 * workflows it is asked about. Used by the demo to show progress and by tests to wait for outcomes.
 */
public final class StateWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final ProtocolCodec codec;
    private final Set<String> watched;
    private final Map<String, WorkflowSnapshot> latest = new HashMap<>();

    /** @param watched the workflow ids to track (a live set may grow while watching) */
    public StateWatcher(Map<String, Object> clientProperties, ProtocolCodec codec, Set<String> watched) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.codec = codec;
        this.watched = watched;
        List<TopicPartition> parts = consumer.partitionsFor(Topics.STATE).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Reads what has arrived (waiting up to {@code timeout}) and returns the count per status of the watched workflows. */
    public Map<WorkflowStatus, Integer> poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (r.value() != null && watched.contains(r.key())) {
                latest.put(r.key(), codec.decodeSnapshot(r.value()));
            }
        }
        Map<WorkflowStatus, Integer> counts = new EnumMap<>(WorkflowStatus.class);
        for (WorkflowSnapshot s : latest.values()) {
            counts.merge(s.getStatus(), 1, Integer::sum);
        }
        return counts;
    }

    /** The latest snapshot seen per watched workflow. */
    public Map<String, WorkflowSnapshot> snapshots() {
        return Map.copyOf(latest);
    }

    /** How many watched workflows have reached a terminal status. */
    public int finished() {
        return (int) latest.values().stream().filter(s -> s.getStatus() != WorkflowStatus.RUNNING
                && s.getStatus() != WorkflowStatus.PAUSED).count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
