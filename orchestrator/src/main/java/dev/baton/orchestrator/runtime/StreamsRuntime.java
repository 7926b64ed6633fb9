package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.kafka.TopicManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Baton's topics, then runs the Kafka Streams topology until closed. */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    private final KafkaStreams streams;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final CountDownLatch running = new CountDownLatch(1);

    public StreamsRuntime(KafkaConnection kafka, BatonConfig config, ProtocolCodec codec, ReplyDecoder replies,
                          CommandPayloads payloads) {
        this(kafka, config, codec, replies, payloads, t -> { });
    }

    /** @param extension adds further sub-topologies (the bridge) to Baton's topology */
    public StreamsRuntime(KafkaConnection kafka, BatonConfig config, ProtocolCodec codec, ReplyDecoder replies,
                          CommandPayloads payloads, java.util.function.Consumer<org.apache.kafka.streams.Topology> extension) {
        try (TopicManager topics = new TopicManager(kafka.clientProperties(), config)) {
            topics.createBatonTopics();
        }
        BoundedRocksDb.configure(config.getRocksdbBlockCacheMb() << 20, config.getRocksdbWriteBufferMb() << 20);
        var topology = BatonTopology.build(codec, replies, payloads,
                ReplyTopics.of(config.getReplyTopic(), config.getReplyTopicPattern()),
                Duration.ofMillis(config.getTimerResolutionMs()), Duration.ofMillis(config.getRetentionFinishedMs()), metrics,
                extension);
        var props = StreamsConfigFactory.build(kafka.clientProperties(),
                config.getApplicationId(), config.dataPath().resolve("streams"), config.getCommitIntervalMs(),
                config.getStreamThreads(), config.getReplicationFactor(), config.getStandbyReplicas());
        if (!config.getReplyTopicPattern().isBlank()) {
            // A reply topic created after the start is found at the next metadata refresh: keep it short.
            props.put(org.apache.kafka.streams.StreamsConfig.mainConsumerPrefix(
                    org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG), "5000");
        }
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
    }

    /** Waits until the topology is running (restored and assigned). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public RuntimeMetrics metrics() {
        return metrics;
    }

    /** The instances held by this node (interactive query). */
    public ReadOnlyKeyValueStore<String, byte[]> localInstances() {
        return streams.store(StoreQueryParameters.fromNameAndType(Topics.INSTANCE_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    @Override
    public void close() {
        // Leave the group, so that a restart (or another instance) gets the partitions at once
        // instead of waiting for this member's session to time out.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
