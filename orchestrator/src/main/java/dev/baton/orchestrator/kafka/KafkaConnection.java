package dev.baton.orchestrator.kafka;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import dev.baton.orchestrator.config.BatonConfig;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster Baton talks to. When {@code kafka.bootstrap.servers} is configured (or the
 * environment variable {@code KAFKA_BOOTSTRAP_SERVERS}), that cluster is used and nothing starts
 * locally; otherwise a single-node KRaft broker starts in-process on 127.0.0.1 with its data in
 * {@code <baton.data-dir>/kafka}, kept across restarts. Every {@code kafka.*} property (SASL, SSL,
 * ...) is passed to every client.
 */
@Singleton
public class KafkaConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);
    private static final Set<String> SECRET_HINTS = Set.of("password", "secret", "jaas", "token", "key");

    /** Every setting a Kafka client or Kafka Streams understands; environment-variable spellings map onto these. */
    private static final Set<String> KNOWN = knownSettings();

    private final Map<String, Object> clientProperties;
    private final EmbeddedKafkaCluster embedded;
    private final Deque<AutoCloseable> dependents = new ArrayDeque<>();

    public KafkaConnection(Environment environment, BatonConfig config) {
        Map<String, Object> props = new HashMap<>(environment.getProperties("kafka", StringConvention.RAW));
        props.values().removeIf(v -> v instanceof Map);
        props.keySet().removeIf(k -> {
            boolean known = KNOWN.contains(k);
            if (!known && !KNOWN.contains(k.replace('-', '.'))) {
                LOG.warn("Ignoring kafka.{}: not a Kafka client setting", k);
            }
            return !known;
        });
        Object bootstrap = props.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            this.embedded = EmbeddedKafkaCluster.builder()
                    .dataDir(config.dataPath().resolve("kafka"))
                    .brokerPort(config.getEmbeddedKafkaPort())
                    .controllerPort(config.getEmbeddedKafkaControllerPort())
                    .build()
                    .start();
            props.put("bootstrap.servers", embedded.bootstrapServers());
            LOG.info("Started embedded Kafka at {} (data in {})", embedded.bootstrapServers(), embedded.dataDir());
        } else {
            this.embedded = null;
            LOG.info("Using Kafka at {}", bootstrap);
        }
        this.clientProperties = Map.copyOf(props);
        LOG.debug("Kafka client properties: {}", redacted());
    }

    private static Set<String> knownSettings() {
        Set<String> names = new HashSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return Set.copyOf(names);
    }

    /** Bootstrap servers of the cluster in use. */
    public String bootstrapServers() {
        return clientProperties.get("bootstrap.servers").toString();
    }

    /** A fresh copy of the pass-through client properties (bootstrap servers included). */
    public Map<String, Object> clientProperties() {
        return new HashMap<>(clientProperties);
    }

    /** Whether Baton started its own broker. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    private Map<String, Object> redacted() {
        Map<String, Object> copy = new HashMap<>(clientProperties);
        copy.replaceAll((k, v) -> SECRET_HINTS.stream().anyMatch(k.toLowerCase()::contains) ? "[hidden]" : v);
        return copy;
    }

    /**
     * Registers something that uses this connection; it is closed (last registered first)
     * before the embedded broker stops, so that no client outlives the broker.
     */
    public synchronized <T extends AutoCloseable> T closeBeforeMe(T dependent) {
        dependents.push(dependent);
        return dependent;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        while (!dependents.isEmpty()) {
            try {
                dependents.pop().close();
            } catch (Exception e) {
                LOG.warn("Error while closing {}", e.toString());
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
