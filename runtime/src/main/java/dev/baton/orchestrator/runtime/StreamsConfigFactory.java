package dev.baton.orchestrator.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the orchestrator: exactly-once v2, state under the data dir. */
public final class StreamsConfigFactory {
    private StreamsConfigFactory() {}

    public static Properties build(
            Map<String, Object> clientProperties,
            String applicationId,
            Path stateDir,
            long commitIntervalMs,
            int threads,
            short replicationFactor,
            int standbyReplicas) {
        return build(
                clientProperties,
                applicationId,
                stateDir,
                commitIntervalMs,
                threads,
                replicationFactor,
                standbyReplicas,
                null);
    }

    /**
     * As above, and {@code application.server} = {@code applicationServer} (this node's advertised
     * {@code host:port} for interactive queries; null leaves it unset).
     */
    public static Properties build(
            Map<String, Object> clientProperties,
            String applicationId,
            Path stateDir,
            long commitIntervalMs,
            int threads,
            short replicationFactor,
            int standbyReplicas,
            String applicationServer) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        if (!clientProperties.containsKey(ProducerConfig.LINGER_MS_CONFIG)
                && !clientProperties.containsKey(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        }
        // Under exactly-once a transaction often begins right after the previous commit, while the coordinator
        // still completes it (CONCURRENT_TRANSACTIONS): the default 100 ms back-off then adds 100 ms to a step.
        if (!clientProperties.containsKey(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)
                && !clientProperties.containsKey(
                        StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        }
        p.put("processing.exception.handler.global.enabled", true);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (applicationServer != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return p;
    }
}
