package dev.baton.registry.builtin;

import dev.baton.registry.client.CompatibilityLevel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Settings of a Kafka-backed {@link BuiltInSchemaRegistry}. Build with {@link #builder(String)}. */
public final class BuiltInRegistryConfig {

    /** Default topic. */
    public static final String DEFAULT_TOPIC = "baton.schemas";

    private final String bootstrapServers;
    private final String topic;
    private final Short replicationFactor;
    private final Map<String, Object> kafkaProperties;
    private final CompatibilityLevel defaultCompatibility;
    private final Duration startTimeout;
    private final Duration operationTimeout;
    private final String transactionalId;

    private BuiltInRegistryConfig(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.topic = b.topic;
        this.replicationFactor = b.replicationFactor;
        this.kafkaProperties = Map.copyOf(b.kafkaProperties);
        this.defaultCompatibility = b.defaultCompatibility;
        this.startTimeout = b.startTimeout;
        this.operationTimeout = b.operationTimeout;
        this.transactionalId = b.transactionalId != null ? b.transactionalId : "baton-registry-writer-" + b.topic;
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @return a builder with defaults: topic baton.schemas, broker-default replication, BACKWARD
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return Kafka bootstrap servers */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the compacted topic holding the registry */
    public String topic() {
        return topic;
    }

    /** @return replication factor for creating the topic, null for the broker default */
    public Short replicationFactor() {
        return replicationFactor;
    }

    /** @return extra Kafka client properties (security etc.) applied to admin, producer and consumer */
    public Map<String, Object> kafkaProperties() {
        return kafkaProperties;
    }

    /** @return compatibility level used while no global level has been set */
    public CompatibilityLevel defaultCompatibility() {
        return defaultCompatibility;
    }

    /** @return how long {@code start} may take to read the topic */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** @return how long a write or catch-up may take */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** @return transactional id shared by all writers of the topic (they fence each other) */
    public String transactionalId() {
        return transactionalId;
    }

    /** Builder of {@link BuiltInRegistryConfig}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private Short replicationFactor;
        private final Map<String, Object> kafkaProperties = new HashMap<>();
        private CompatibilityLevel defaultCompatibility = CompatibilityLevel.BACKWARD;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration operationTimeout = Duration.ofSeconds(30);
        private String transactionalId;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** @param topic topic name @return this */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic);
            return this;
        }

        /** @param replicationFactor replication factor when creating the topic (null = broker default) @return this */
        public Builder replicationFactor(Short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** @param properties extra Kafka client properties @return this */
        public Builder kafkaProperties(Map<String, ?> properties) {
            this.kafkaProperties.putAll(properties);
            return this;
        }

        /** @param level level used while no global level is set @return this */
        public Builder defaultCompatibility(CompatibilityLevel level) {
            this.defaultCompatibility = Objects.requireNonNull(level);
            return this;
        }

        /** @param timeout start-up timeout @return this */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** @param timeout write / catch-up timeout @return this */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /** @param transactionalId transactional id of the writer (default baton-registry-writer-&lt;topic&gt;) @return this */
        public Builder transactionalId(String transactionalId) {
            this.transactionalId = transactionalId;
            return this;
        }

        /** @return the config */
        public BuiltInRegistryConfig build() {
            return new BuiltInRegistryConfig(this);
        }
    }
}
