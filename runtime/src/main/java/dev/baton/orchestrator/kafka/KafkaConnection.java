package dev.baton.orchestrator.kafka;

import dev.baton.orchestrator.config.BatonConfig;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster Baton talks to: {@code kafka.bootstrap.servers} (or the environment variable
 * {@code KAFKA_BOOTSTRAP_SERVERS}). Without it, a {@link LocalKafka} bean (the standalone mode of
 * {@code baton-standalone}: a KRaft broker in-process on 127.0.0.1, data in
 * {@code <baton.data-dir>/kafka}) starts one; the server distribution has no broker, so there the
 * start fails with a message naming the setting. Every {@code kafka.*} property (SASL, SSL, ...)
 * is passed to every client.
 */
@Singleton
public class KafkaConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);
    private static final Set<String> SECRET_HINTS = Set.of("password", "secret", "jaas", "token", "key");

    /** Every setting a Kafka client or Kafka Streams understands; environment-variable spellings map onto these. */
    private static final Set<String> KNOWN = knownSettings();

    private final Map<String, Object> clientProperties;
    private final LocalKafka embedded;
    private final Deque<AutoCloseable> dependents = new ArrayDeque<>();

    public KafkaConnection(Environment environment, BatonConfig config, BeanProvider<LocalKafka> localKafka) {
        // Each Kafka client setting is looked up by its name, so that every source resolves it the
        // same way: a file's kafka.sasl.jaas.config and the environment's KAFKA_SASL_JAAS_CONFIG.
        Map<String, Object> props = new HashMap<>();
        for (String name : KNOWN) {
            environment.getProperty("kafka." + name, String.class).ifPresent(v -> props.put(name, v));
        }
        environment.getProperties("kafka", StringConvention.RAW).forEach((k, v) -> {
            if (!(v instanceof Map) && !KNOWN.contains(k) && !KNOWN.contains(k.replace('-', '.'))) {
                LOG.warn("Ignoring kafka.{}: not a Kafka client setting", k);
            }
        });
        Object bootstrap = props.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            LocalKafka local = localKafka
                    .find(null)
                    .orElseThrow(() -> new IllegalStateException(
                            "No Kafka cluster configured: set kafka.bootstrap.servers (environment variable "
                                    + "KAFKA_BOOTSTRAP_SERVERS, or -Dkafka.bootstrap.servers=host:9092). This distribution "
                                    + "runs no broker of its own; ./demo and baton-standalone do."));
            String servers = local.start(config);
            this.embedded = local;
            props.put("bootstrap.servers", servers);
            LOG.info("Started embedded Kafka at {} ({})", servers, local.describe());
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
