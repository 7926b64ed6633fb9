package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.script.ScriptLimits;
import dev.baton.orchestrator.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every topic the bindings name and writes, for each event and each binding it matches, a
 * bridge record to {@code baton.bridge} (keyed by {@code <workflowName>|<businessKey>}); an event
 * that matches but cannot be applied (undecodable, no business key, a condition that throws) goes
 * to {@code baton.bridge.parked} with its original bytes and headers, counted. Consume, transform
 * and produce are one Kafka transaction per batch (the input offsets are committed in it), so each
 * event is mapped exactly once. Bound topics change at run time, which is why this is a consumer of
 * its own and not part of the Streams topology: the bindings are re-read every
 * {@code baton.bridge.refresh-ms} and the subscription follows them.
 */
public final class BridgeIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeIngest.class);

    private final Map<String, Object> consumerProps;
    private final Map<String, Object> producerProps;
    private final BridgeConfig config;
    private final BridgeConfig.StartPosition startPosition;
    private final BridgeDefinitions mirror;
    /** Whether the engine's own definitions store knows a workflow yet (a start before it does would be refused). */
    private volatile java.util.function.Predicate<String> workflowKnown = name -> true;

    private final EventDecoder decoder;
    private final EventMapper mapper;
    private final BridgeMetrics metrics;
    private final Thread thread;
    private final Set<TopicPartition> uncommitted = new HashSet<>();
    private final Set<String> reportedMissing = new HashSet<>();
    private volatile boolean running = true;
    private volatile Set<String> subscribed = Set.of();
    private volatile Set<TopicPartition> assigned = Set.of();

    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private Map<String, List<Binding>> byTopic = Map.of();
    private long bindingsVersion = -1;
    private long nextRefresh;

    /**
     * @param groupId         the consumer group ({@code <application-id>-bridge})
     * @param transactionalId stable per node, so that a restart fences and aborts what it left open
     */
    public BridgeIngest(
            Map<String, Object> clientProperties,
            String groupId,
            String transactionalId,
            BridgeConfig config,
            BridgeDefinitions mirror,
            EventDecoder decoder,
            BridgeMetrics metrics) {
        this.config = config;
        this.startPosition = config.startPositionOrDefault();
        this.mirror = mirror;
        this.decoder = decoder;
        this.metrics = metrics;
        this.mapper =
                new EventMapper(ScriptLimits.defaults().withTimeout(Duration.ofMillis(config.getConditionTimeoutMs())));
        this.consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-ingest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.producerProps = new HashMap<>(clientProperties);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.thread = new Thread(this::run, "baton-bridge-ingest");
        this.thread.setDaemon(true);
    }

    public BridgeIngest start() {
        thread.start();
        return this;
    }

    /** The topics read now (bound and existing). */
    public Set<String> subscribedTopics() {
        return subscribed;
    }

    /** The partitions this node reads now. */
    public Set<TopicPartition> assignedPartitions() {
        return assigned;
    }

    private void run() {
        try {
            consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            producer = newProducer();
            while (running) {
                try {
                    refresh();
                    if (subscribed.isEmpty()) {
                        sleep(Math.min(200, config.getRefreshMs()));
                        continue;
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    assigned = Set.copyOf(consumer.assignment());
                    if (!records.isEmpty() || !uncommitted.isEmpty()) {
                        transact(records);
                    }
                } catch (WakeupException e) {
                    abortQuietly();
                } catch (ProducerFencedException e) {
                    LOG.error(
                            "The bridge ingest's producer was fenced (is another node using transactional id {}?);"
                                    + " starting a new one",
                            producerProps.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
                            e);
                    closeProducer();
                    rewind();
                    producer = newProducer();
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    if (e instanceof KafkaException || e instanceof EventDecoder.RegistryUnavailable) {
                        LOG.warn("Bridge ingest batch aborted; it will be read again: {}", e.toString());
                    } else {
                        LOG.error("Bridge ingest batch aborted by an unexpected error; it will be read again", e);
                    }
                    abortQuietly();
                    rewind();
                    sleep(1_000);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Bridge ingest stopped", e);
        } finally {
            closeProducer();
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private boolean inTransaction;

    private void transact(ConsumerRecords<byte[], byte[]> records) {
        producer.beginTransaction();
        inTransaction = true;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> r : part) {
                try {
                    handle(r);
                } catch (KafkaException | EventDecoder.RegistryUnavailable e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.error("Unexpected error mapping {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
                    park(r, null, null, null, "unexpected error: " + e);
                    metrics.parkedUnexpected.increment();
                }
            }
            offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        for (TopicPartition tp : uncommitted) {
            offsets.putIfAbsent(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = false;
        uncommitted.removeAll(offsets.keySet());
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        metrics.read.increment();
        List<Binding> bindings = byTopic.get(r.topic());
        if (bindings == null || bindings.isEmpty()) {
            metrics.unmatched.increment();
            return;
        }
        if (r.value() == null) {
            metrics.tombstones.increment();
            return;
        }
        Map<String, Object> decoded = new HashMap<>();
        Set<String> parkedFormats = new HashSet<>();
        boolean relevant = false;
        for (Binding b : bindings) {
            String format = b.source().match().formatOrDefault();
            Object payload = decoded.computeIfAbsent(format, f -> {
                try {
                    return decoder.decode(f, r.topic(), r.value());
                } catch (EventDecoder.Undecodable e) {
                    return e;
                }
            });
            if (payload instanceof EventDecoder.Undecodable u) {
                relevant = true;
                if (parkedFormats.add(format)) {
                    park(
                            r,
                            b.source().name(),
                            b.workflowName(),
                            null,
                            "payload cannot be decoded as " + format + ": " + u.getMessage());
                    metrics.parkedUndecodable.increment();
                }
                continue;
            }
            EventMapper.Outcome outcome = mapper.map(r, b, (JsonNode) payload);
            if (outcome instanceof EventMapper.Mapped m) {
                relevant = true;
                producer.send(new ProducerRecord<>(
                        Topics.BRIDGE,
                        m.record().key().getBytes(StandardCharsets.UTF_8),
                        m.record().encode()));
                metrics.mapped.increment();
            } else if (outcome instanceof EventMapper.Parked p) {
                relevant = true;
                park(r, b.source().name(), b.workflowName(), null, p.reason());
                switch (p.kind()) {
                    case NO_KEY -> metrics.parkedNoKey.increment();
                    case CONDITION_FAILED -> metrics.parkedConditionError.increment();
                    case UNDECODABLE -> metrics.parkedUndecodable.increment();
                }
            }
        }
        if (!relevant) {
            metrics.unmatched.increment();
        }
    }

    private void park(
            ConsumerRecord<byte[], byte[]> r, String source, String workflowName, String businessKey, String reason) {
        LOG.warn("Parking {}-{}@{} on {}: {}", r.topic(), r.partition(), r.offset(), Topics.BRIDGE_PARKED, reason);
        producer.send(new ProducerRecord<>(
                Topics.BRIDGE_PARKED,
                null,
                r.timestamp(),
                r.key(),
                r.value(),
                Parking.headers(
                        r.headers(), reason, r.topic(), r.partition(), r.offset(), source, workflowName, businessKey)));
    }

    /**
     * Holds back the bindings of a workflow until the orchestrator's definitions store has it: a START
     * for a definition the engine does not know yet would be refused. The bridge's view on a node with
     * the runtime is served by that store and is not ahead of it; a view read from the topic itself
     * ({@link DefinitionsMirror}) can be. Events are not lost meanwhile: a topic starts
     * at its binding's registration time.
     */
    public BridgeIngest waitForDefinitions(java.util.function.Predicate<String> known) {
        this.workflowKnown = known;
        return this;
    }

    /** Re-reads the bindings when due, and follows them with the subscription. */
    private void refresh() {
        long now = System.currentTimeMillis();
        if (now < nextRefresh) {
            return;
        }
        nextRefresh = now + config.getRefreshMs();
        long version = mirror.version();
        if (version != bindingsVersion) {
            Map<String, List<Binding>> grouped = new LinkedHashMap<>();
            boolean complete = true;
            for (Binding b : mirror.bindings()) {
                if (b.workflowName() != null && b.topic() != null) {
                    if (!known(b.workflowName())) {
                        complete = false;
                        continue;
                    }
                    grouped.computeIfAbsent(b.topic(), t -> new ArrayList<>()).add(b);
                }
            }
            byTopic = grouped;
            if (complete) {
                bindingsVersion = version;
            } else {
                nextRefresh = now + Math.min(200, config.getRefreshMs()); // look again soon
            }
        }
        Set<String> existing = consumer.listTopics(Duration.ofSeconds(10)).keySet();
        Set<String> wanted = new TreeSet<>();
        for (String topic : byTopic.keySet()) {
            if (existing.contains(topic)) {
                wanted.add(topic);
                reportedMissing.remove(topic);
            } else if (reportedMissing.add(topic)) {
                LOG.info("Bound topic {} does not exist (yet); it is read once it does", topic);
            }
        }
        if (!wanted.equals(subscribed)) {
            if (wanted.isEmpty()) {
                consumer.unsubscribe();
                uncommitted.clear();
                assigned = Set.of();
            } else {
                consumer.subscribe(wanted, new Rebalance());
            }
            subscribed = Set.copyOf(wanted);
            LOG.info("Bridge ingest reads {}", wanted);
        }
    }

    private boolean known(String workflowName) {
        try {
            return workflowKnown.test(workflowName);
        } catch (RuntimeException e) {
            return false; // the store is not queryable yet
        }
    }

    /** Partitions with no committed offset start where {@code baton.bridge.start-position} says. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            List<TopicPartition> fresh =
                    partitions.stream().filter(tp -> committed.get(tp) == null).toList();
            initialPositions(fresh);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            uncommitted.removeAll(partitions);
        }
    }

    private void initialPositions(List<TopicPartition> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        switch (startPosition) {
            case EARLIEST -> consumer.seekToBeginning(fresh);
            case LATEST -> consumer.seekToEnd(fresh);
            case REGISTRATION -> {
                // The ends first, then the search by time: a partition with no event since the registration starts
                // at the end as it was BEFORE the search, so an event written meanwhile is read, not skipped.
                Map<TopicPartition, Long> ends = consumer.endOffsets(fresh, Duration.ofSeconds(10));
                Map<TopicPartition, Long> times = new HashMap<>();
                fresh.forEach(tp -> times.put(tp, registeredAt(tp.topic())));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
                for (TopicPartition tp : fresh) {
                    OffsetAndTimestamp o = found.get(tp);
                    consumer.seek(tp, o != null ? o.offset() : ends.get(tp));
                }
            }
        }
        fresh.forEach(consumer::position); // fix the position now, then commit it with the next transaction
        uncommitted.addAll(fresh);
    }

    private long registeredAt(String topic) {
        return byTopic.getOrDefault(topic, List.of()).stream()
                .mapToLong(Binding::registeredAt)
                .min()
                .orElse(0L);
    }

    /** After an abort: back to the committed offsets, so the aborted batch is read again. */
    private void rewind() {
        Set<TopicPartition> parts = consumer.assignment();
        if (parts.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(parts);
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    fresh.add(tp);
                } else {
                    consumer.seek(tp, c.offset());
                }
            }
            initialPositions(fresh);
        } catch (KafkaException e) {
            // Cannot tell where to resume: leave the group, so that the partitions restart from their committed
            // offsets.
            LOG.warn("Cannot rewind the bridge ingest ({}); re-subscribing", e.toString());
            consumer.unsubscribe();
            subscribed = Set.of();
            uncommitted.clear();
            nextRefresh = 0;
        }
    }

    private void abortQuietly() {
        if (!inTransaction || producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("Abort failed: {}; starting a new producer", e.toString());
            closeProducer();
            producer = newProducer();
        }
        inTransaction = false;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the bridge producer: {}", e.toString());
            }
            producer = null;
            inTransaction = false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
