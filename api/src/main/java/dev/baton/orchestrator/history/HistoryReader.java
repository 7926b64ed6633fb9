package dev.baton.orchestrator.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one instance's history from {@code baton.events}: a consumer without a group seeks the
 * instance's partition to a little before the instance started and reads forward, keeping the
 * records keyed by its id, until it has the instance's last event ({@code seq}), the end of the
 * partition as it was when the read began, or one of the {@link HistorySettings} limits. The
 * answer says whether it is complete.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class HistoryReader {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConnection kafka;
    private final ProtocolCodec codec;
    private final HistorySettings settings;
    private final Semaphore reads;

    public HistoryReader(KafkaConnection kafka, ProtocolCodec codec, HistorySettings settings) {
        this.kafka = kafka;
        this.codec = codec;
        this.settings = settings;
        this.reads = new Semaphore(Math.max(1, settings.getConcurrentReads()));
    }

    /** The instance's events in order: {@code {workflowId, lastSeq, complete, truncatedBy?, scanned, events: [...]}}. */
    public ObjectNode read(WorkflowInstance wf) {
        boolean permitted;
        try {
            permitted = reads.tryAcquire(settings.getReadTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        }
        if (!permitted) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "too many history reads at once on this node; try again");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            return read(consumer, wf);
        } finally {
            reads.release();
        }
    }

    private ObjectNode read(KafkaConsumer<byte[], byte[]> consumer, WorkflowInstance wf) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.getReadTimeoutMs());
        byte[] key = wf.workflowId.getBytes(StandardCharsets.UTF_8);
        List<PartitionInfo> parts =
                consumer.partitionsFor(Topics.EVENTS, Duration.ofMillis(settings.getReadTimeoutMs()));
        if (parts == null || parts.isEmpty()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, Topics.EVENTS + " has no partitions (yet)");
        }
        TopicPartition tp = new TopicPartition(Topics.EVENTS, HistoryEvents.partitionOf(key, parts.size()));
        consumer.assign(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long from = Math.max(0, wf.startTime - settings.getSeekMarginMs());
        OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(tp, from)).get(tp);
        if (at == null) {
            consumer.seekToEnd(List.of(tp)); // nothing at or after that time
        } else {
            consumer.seek(tp, at.offset());
        }
        TreeMap<Long, ObjectNode> events = new TreeMap<>();
        long scanned = 0;
        String truncatedBy = null;
        while (consumer.position(tp) < end) {
            if (have(events, wf.seq)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                truncatedBy = "readTimeoutMs";
                break;
            }
            if (scanned >= settings.getMaxScannedRecords()) {
                truncatedBy = "maxScannedRecords";
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                scanned++;
                if (r.offset() >= end || r.key() == null || !Arrays.equals(key, r.key())) {
                    continue;
                }
                WorkflowEvent e = decode(r);
                if (e != null && e.getSeq() <= wf.seq) {
                    events.put(e.getSeq(), HistoryEvents.toJson(e));
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("workflowId", wf.workflowId);
        answer.put("lastSeq", wf.seq);
        boolean complete = events.size() == wf.seq && (events.isEmpty() || events.firstKey() == 1);
        answer.put("complete", complete);
        if (events.size() > settings.getMaxEvents()) {
            truncatedBy = "maxEvents";
        }
        if (truncatedBy != null) {
            answer.put("truncatedBy", truncatedBy);
        }
        answer.put("scanned", scanned);
        ArrayNode list = answer.putArray("events");
        events.values().stream().limit(settings.getMaxEvents()).forEach(list::add);
        return answer;
    }

    private static boolean have(TreeMap<Long, ObjectNode> events, long lastSeq) {
        return lastSeq > 0 && events.size() >= lastSeq;
    }

    private WorkflowEvent decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return codec.decodeEvent(r.value());
        } catch (RuntimeException e) {
            LOG.warn("Undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return null;
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-history-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
