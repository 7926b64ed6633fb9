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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the compacted state topic (read_committed) and keeps the latest status of the
 * workflows it is asked about. Used by the demo to show progress and by tests to wait for outcomes.
 *
 * <p>An id may join the watched set after its records were read: a REST start answers once the
 * workflow is visible, and a short workflow can finish before that answer arrives. So the latest
 * record of every other key is kept too (undecoded) and taken up when its id is watched; dropping
 * it would leave that workflow unfinished in the watcher's eyes for good.
 */
public final class StateWatcher implements AutoCloseable {
    private final Consumer<String, byte[]> consumer;
    private final ProtocolCodec codec;
    private final Set<String> watched;
    private final Map<String, WorkflowSnapshot> latest = new HashMap<>();
    /** Latest value of keys not (yet) watched when read; null values are not kept. */
    private final Map<String, byte[]> unwatched = new HashMap<>();

    /** @param watched the workflow ids to track (a live set may grow while watching) */
    public StateWatcher(Map<String, Object> clientProperties, ProtocolCodec codec, Set<String> watched) {
        this(consumer(clientProperties), codec, watched);
    }

    StateWatcher(Consumer<String, byte[]> consumer, ProtocolCodec codec, Set<String> watched) {
        this.consumer = consumer;
        this.codec = codec;
        this.watched = watched;
        List<TopicPartition> parts = consumer.partitionsFor(Topics.STATE).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    private static Consumer<String, byte[]> consumer(Map<String, Object> clientProperties) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads what has arrived (waiting up to {@code timeout}) and returns the count per status of the watched workflows. */
    public Map<WorkflowStatus, Integer> poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (r.key() == null) {
                continue;
            }
            if (watched.contains(r.key())) {
                if (r.value() != null) {
                    latest.put(r.key(), codec.decodeSnapshot(r.value()));
                }
            } else if (r.value() != null) {
                unwatched.put(r.key(), r.value());
            } else {
                unwatched.remove(r.key());
            }
        }
        takeUpNewlyWatched();
        Map<WorkflowStatus, Integer> counts = new EnumMap<>(WorkflowStatus.class);
        for (WorkflowSnapshot s : latest.values()) {
            counts.merge(s.getStatus(), 1, Integer::sum);
        }
        return counts;
    }

    /** Records read before their id was watched become the watched id's latest snapshot (unless one is newer). */
    private void takeUpNewlyWatched() {
        if (unwatched.isEmpty()) {
            return;
        }
        if (watched.size() < unwatched.size()) {
            for (String id : watched) {
                byte[] value = unwatched.remove(id);
                if (value != null) {
                    latest.putIfAbsent(id, codec.decodeSnapshot(value));
                }
            }
            return;
        }
        for (var it = unwatched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, byte[]> e = it.next();
            if (watched.contains(e.getKey())) {
                latest.putIfAbsent(e.getKey(), codec.decodeSnapshot(e.getValue()));
                it.remove();
            }
        }
    }

    /** The latest snapshot seen per watched workflow. */
    public Map<String, WorkflowSnapshot> snapshots() {
        takeUpNewlyWatched();
        return Map.copyOf(latest);
    }

    /** How many watched workflows have reached a terminal status. */
    public int finished() {
        takeUpNewlyWatched();
        return (int) latest.values().stream()
                .filter(s -> s.getStatus() != WorkflowStatus.RUNNING && s.getStatus() != WorkflowStatus.PAUSED)
                .count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
