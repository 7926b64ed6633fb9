package dev.baton.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Immutable settings of a {@link TaskWorker}, with the Kafka client configurations derived from them. */
record WorkerSettings(
        String bootstrapServers,
        Map<String, Object> common,
        Map<String, Object> consumerOnly,
        Map<String, Object> producerOnly,
        String taskType,
        String commandTopic,
        String groupId,
        TaskHandler handler,
        int threads,
        boolean createTopic,
        int partitions,
        Optional<Short> replicationFactor,
        ObjectMapper mapper,
        String transactionalIdPrefix,
        Duration pollTimeout,
        Duration closeTimeout,
        String domain,
        String workerId,
        Duration announceInterval,
        Duration commitInterval) {

    /** Headroom below the producer's max.request.size kept for headers and batch overhead. */
    private static final int REPLY_SIZE_HEADROOM = 16 * 1024;

    Map<String, Object> consumerConfig(int index) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.putAll(filter(common, ConsumerConfig.configNames()));
        cfg.putAll(consumerOnly);
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        cfg.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        cfg.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(cfg.get(ConsumerConfig.CLIENT_ID_CONFIG), "consumer", index));
        return cfg;
    }

    Map<String, Object> producerConfig(int index) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.putAll(filter(common, ProducerConfig.configNames()));
        cfg.putAll(producerOnly);
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + index);
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(cfg.get(ProducerConfig.CLIENT_ID_CONFIG), "producer", index));
        return cfg;
    }

    /** Idempotent, non-transactional producer for the poll announcements of a domain's worker. */
    Map<String, Object> announceProducerConfig() {
        Map<String, Object> cfg = asyncReplyProducerConfig();
        cfg.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId(
                        filter(common, ProducerConfig.configNames())
                                .getOrDefault(
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        producerOnly.get(ProducerConfig.CLIENT_ID_CONFIG)),
                        "polls-producer",
                        0));
        return cfg;
    }

    /** Idempotent, non-transactional producer for replies sent outside a handler. */
    Map<String, Object> asyncReplyProducerConfig() {
        Map<String, Object> cfg = producerConfig(0);
        cfg.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        cfg.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId(
                        filter(common, ProducerConfig.configNames())
                                .getOrDefault(
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        producerOnly.get(ProducerConfig.CLIENT_ID_CONFIG)),
                        "async-producer",
                        0));
        return cfg;
    }

    Map<String, Object> adminConfig() {
        Map<String, Object> cfg = new HashMap<>(filter(common, AdminClientConfig.configNames()));
        cfg.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(cfg.get(AdminClientConfig.CLIENT_ID_CONFIG), "admin", 0));
        return cfg;
    }

    /**
     * How long a transaction may stay open before it is committed early (its replies become visible
     * only then): the commit interval, but never more than a third of transaction.timeout.ms.
     */
    Duration transactionBudget() {
        long txTimeout = longSetting(producerConfig(0), ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return Duration.ofMillis(Math.min(commitInterval.toMillis(), Math.max(1, txTimeout / 3)));
    }

    /** How long the records of one poll may be worked on before polling again: half of max.poll.interval.ms. */
    Duration pollBudget() {
        long interval = longSetting(consumerConfig(0), ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
        return Duration.ofMillis(Math.max(100, interval / 2));
    }

    private static long longSetting(Map<String, Object> cfg, String key, long fallback) {
        Object v = cfg.get(key);
        return v == null ? fallback : Long.parseLong(String.valueOf(v).trim());
    }

    /** Largest reply value the producer is expected to accept. */
    int maxReplyBytes() {
        Object v = producerOnly.getOrDefault(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                common.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024));
        int max = Integer.parseInt(String.valueOf(v).trim());
        return Math.max(1024, max - REPLY_SIZE_HEADROOM);
    }

    private String clientId(Object userClientId, String role, int index) {
        String base = userClientId != null ? userClientId.toString() : "baton-worker-" + taskType;
        return base + "-" + role + "-" + index;
    }

    /**
     * Keeps the properties a client knows, plus those no Kafka client knows (plug-in settings
     * such as interceptor or login-callback options), so that consumer-only settings do not
     * produce "unknown config" warnings in the producer and vice versa.
     */
    private static Map<String, Object> filter(Map<String, Object> props, Set<String> known) {
        Map<String, Object> out = new HashMap<>();
        props.forEach((k, v) -> {
            if (known.contains(k) || !isKnownToAnyClient(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static boolean isKnownToAnyClient(String key) {
        return ConsumerConfig.configNames().contains(key)
                || ProducerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key);
    }
}
