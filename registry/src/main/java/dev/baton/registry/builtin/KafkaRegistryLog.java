package dev.baton.registry.builtin;

import dev.baton.kafka.TopicView;
import dev.baton.registry.client.SchemaRegistryException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RegistryLog} on a compacted single-partition Kafka topic. A {@link TopicView} reads the
 * topic (read_committed) from the beginning and keeps following it. Writers on all instances
 * share one transactional id: a writer fences the previous one, catches up to the end of the
 * topic, plans and commits its records in a transaction; if it was fenced in between, its commit
 * fails and it starts again with a fresh producer. This serializes registrations across
 * instances, so ids and versions never collide.
 */
final class KafkaRegistryLog implements RegistryLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLog.class);
    private static final int MAX_ATTEMPTS = 6;

    private final BuiltInRegistryConfig config;
    private final TopicPartition partition;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final ReentrantLock writeLock = new ReentrantLock();
    private Admin admin;
    private TopicView<String, String> view;
    private KafkaProducer<String, String> producer;

    KafkaRegistryLog(BuiltInRegistryConfig config) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
    }

    @Override
    public void start(Consumer<LogRecord> applier) {
        admin = Admin.create(common("admin"));
        ensureTopic();
        view = TopicView.of(config.topic(), common("reader"), new StringDeserializer(), new StringDeserializer())
                .name("baton-registry-reader-" + config.topic() + "-" + instance)
                .onRecord(r -> {
                    if (r.key() != null) {
                        applier.accept(new LogRecord(r.key(), r.value()));
                    }
                })
                .start();
        catchUp(config.startTimeout());
    }

    @Override
    public void appendExclusive(Supplier<List<LogRecord>> planner) {
        writeLock.lock();
        try {
            KafkaException last = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                try {
                    ensureProducer();
                    catchUp(config.operationTimeout());
                    List<LogRecord> records = planner.get();
                    if (records.isEmpty()) {
                        return;
                    }
                    producer.beginTransaction();
                    Future<RecordMetadata> lastSend = null;
                    for (LogRecord r : records) {
                        lastSend = producer.send(new ProducerRecord<>(config.topic(), 0, r.key(), r.value()));
                    }
                    producer.commitTransaction();
                    long offset = lastSend.get(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .offset();
                    waitApplied(offset + 1, config.operationTimeout());
                    return;
                } catch (KafkaException e) {
                    last = e;
                    LOG.debug("registry write attempt {} failed: {}", attempt, e.toString());
                    closeProducer();
                    sleep(20L * attempt);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    closeProducer();
                    throw new SchemaRegistryException(
                            500,
                            SchemaRegistryException.STORE_ERROR,
                            "Write to " + config.topic() + " failed: " + e,
                            e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeProducer();
                    throw new SchemaRegistryException(500, SchemaRegistryException.OPERATION_TIMEOUT, "Interrupted", e);
                }
            }
            throw new SchemaRegistryException(
                    500,
                    SchemaRegistryException.STORE_ERROR,
                    "Write to " + config.topic() + " failed after " + MAX_ATTEMPTS + " attempts: " + last,
                    last);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void catchUp() {
        catchUp(config.operationTimeout());
    }

    private void catchUp(Duration timeout) {
        boolean done;
        try {
            done = view.awaitCatchUp(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.OPERATION_TIMEOUT, "Interrupted", e);
        }
        if (!done) {
            throw new SchemaRegistryException(
                    500,
                    SchemaRegistryException.OPERATION_TIMEOUT,
                    "Timed out reading " + config.topic() + " up to its end (at " + view.positions() + ")");
        }
    }

    private void waitApplied(long position, Duration timeout) {
        boolean done;
        try {
            done = view.awaitPosition(partition, position, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.OPERATION_TIMEOUT, "Interrupted", e);
        }
        if (!done) {
            throw new SchemaRegistryException(
                    500,
                    SchemaRegistryException.OPERATION_TIMEOUT,
                    "Timed out reading " + config.topic() + " up to offset " + position + " (at "
                            + view.positions().get(partition) + ")");
        }
    }

    private void ensureTopic() {
        try {
            Map<String, TopicDescription> existing = admin.describeTopics(List.of(config.topic()))
                    .allTopicNames()
                    .get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (existing.containsKey(config.topic())) {
                return;
            }
        } catch (ExecutionException e) {
            // unknown topic: create it below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.OPERATION_TIMEOUT, "Interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SchemaRegistryException(
                    500,
                    SchemaRegistryException.OPERATION_TIMEOUT,
                    "Cannot reach Kafka at " + config.bootstrapServers(),
                    e);
        }
        NewTopic topic = new NewTopic(config.topic(), Optional.of(1), Optional.ofNullable(config.replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created registry topic {}", config.topic());
            awaitLeader();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SchemaRegistryException(
                        500,
                        SchemaRegistryException.STORE_ERROR,
                        "Cannot create topic " + config.topic() + ": " + e.getCause(),
                        e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(500, SchemaRegistryException.OPERATION_TIMEOUT, "Interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SchemaRegistryException(
                    500, SchemaRegistryException.OPERATION_TIMEOUT, "Timed out creating topic " + config.topic(), e);
        }
    }

    /**
     * Waits until the new topic has a leader, so that the first read of its end offset finds it
     * (otherwise Kafka's admin client logs an "unknown topic" error on a clean first start, and retries).
     */
    private void awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription d = admin.describeTopics(List.of(config.topic()))
                        .allTopicNames()
                        .get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .get(config.topic());
                if (d != null
                        && !d.partitions().isEmpty()
                        && d.partitions().get(0).leader() != null
                        && !d.partitions().get(0).leader().isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // not known to the broker yet: ask again
            }
            sleep(50);
        }
    }

    private void ensureProducer() {
        if (producer != null) {
            return;
        }
        Map<String, Object> props = common("writer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int)
                config.operationTimeout().toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        KafkaProducer<String, String> p = new KafkaProducer<>(props);
        try {
            p.initTransactions();
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            throw e;
        }
        producer = p;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing registry producer: {}", e.toString());
            }
            producer = null;
        }
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "baton-registry-" + role + "-" + instance);
        return props;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (view != null) {
            view.close(Duration.ofSeconds(5));
        }
        writeLock.lock();
        try {
            closeProducer();
        } finally {
            writeLock.unlock();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
