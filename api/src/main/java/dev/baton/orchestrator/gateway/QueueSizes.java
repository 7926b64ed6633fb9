package dev.baton.orchestrator.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Conductor's queue size of a task type: the committed commands of its topic that its consumer
 * group has not consumed yet. Offsets alone over-count (every transaction leaves a marker that
 * takes an offset), so the commands between the group's offsets and the end are counted by
 * reading them, up to {@value #MAX_COUNTED} per request; beyond that the offset difference stands in.
 */
final class QueueSizes {
    private static final int MAX_COUNTED = 10_000;
    private static final Duration READ_BUDGET = Duration.ofSeconds(5);
    private final Admin admin;
    private final Map<String, Object> clientProperties;

    QueueSizes(Admin admin, Map<String, Object> clientProperties) {
        this.admin = admin;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Pending commands of the topic for the group; 0 when the topic does not exist. */
    long pending(String topic, String group) {
        try {
            TopicDescription d;
            try {
                d = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(5, TimeUnit.SECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return 0;
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            d.partitions().forEach(p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
            ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            var ends = admin.listOffsets(latest, committedOnly).all().get(5, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest, committedOnly).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> consumed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = consumed.get(tp);
                long from = Math.max(starts.get(tp).offset(), c == null ? 0 : c.offset());
                long to = ends.get(tp).offset();
                if (to > from) {
                    ranges.put(tp, new long[] {from, to});
                }
            }
            return ranges.isEmpty() ? 0 : count(ranges);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot read the queue size of " + topic + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads each range [from, to) with read_committed and counts the records (bounded). */
    private long count(Map<TopicPartition, long[]> ranges) {
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ranges.keySet());
            ranges.forEach((tp, r) -> consumer.seek(tp, r[0]));
            long counted = 0;
            long deadline = System.nanoTime() + READ_BUDGET.toNanos();
            Map<TopicPartition, long[]> open = new HashMap<>(ranges);
            while (!open.isEmpty() && counted < MAX_COUNTED && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    long[] range = ranges.get(new TopicPartition(r.topic(), r.partition()));
                    if (r.offset() < range[1]) {
                        counted++;
                    }
                }
                open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue()[1]);
                consumer.pause(ranges.keySet().stream()
                        .filter(tp -> !open.containsKey(tp))
                        .toList());
            }
            // What could not be read in time is estimated from the offsets.
            for (var e : open.entrySet()) {
                counted += Math.max(0, e.getValue()[1] - Math.max(e.getValue()[0], consumer.position(e.getKey())));
            }
            return counted;
        }
    }
}
