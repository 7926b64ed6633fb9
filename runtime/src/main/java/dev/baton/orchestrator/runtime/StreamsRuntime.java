package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.kafka.TopicManager;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceCache;
import dev.baton.orchestrator.state.InstanceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Baton's topics, then runs the Kafka Streams topology until closed.
 *
 * <p>Kafka Streams starts with {@link #start(HostInfo)}: Kafka Streams needs this node's advertised
 * HTTP address ({@code application.server}) before it starts, and with a random server port that is
 * known only once the server has bound (see {@code StreamsStartup} in the query package).
 * {@link #awaitRunning} starts it without an advertised address if nothing has started it yet
 * (a context that never starts an HTTP server).
 */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaConnection kafka;
    /** Steps applied on this node, for the API's waits. */
    private final AppliedNotices applied = new AppliedNotices();

    private final BatonConfig config;
    private final Topology topology;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final DefinitionsFeed definitionsFeed = new DefinitionsFeed();
    private final RestoreProgress restore = new RestoreProgress();
    private final ThreadHealth threads;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile KafkaStreams streams;
    private volatile HostInfo advertised;
    private final List<java.util.function.Consumer<KafkaStreams>> startListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    public StreamsRuntime(
            KafkaConnection kafka,
            BatonConfig config,
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads) {
        this(kafka, config, codec, replies, payloads, t -> {});
    }

    /** @param extension adds further sub-topologies (the bridge) to Baton's topology */
    public StreamsRuntime(
            KafkaConnection kafka,
            BatonConfig config,
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            java.util.function.Consumer<org.apache.kafka.streams.Topology> extension) {
        try (TopicManager topics = new TopicManager(kafka.clientProperties(), config)) {
            topics.createBatonTopics();
        }
        BoundedRocksDb.configure(config.getRocksdbBlockCacheMb() << 20, config.getRocksdbWriteBufferMb() << 20);
        this.kafka = kafka;
        this.config = config;
        this.threads = new ThreadHealth(
                config.getHealth().getNotRunningGraceMs(),
                config.getHealth().getReplacementWindowMs(),
                config.getHealth().getMaxThreadReplacements(),
                System::currentTimeMillis);
        this.topology = BatonTopology.build(
                codec,
                replies,
                payloads,
                new ProcessorSettings(
                        ReplyTopics.of(config.getReplyTopic(), config.getReplyTopicPattern()),
                        Duration.ofMillis(config.getTimerResolutionMs()),
                        Duration.ofMillis(config.getRetentionFinishedMs()),
                        config.engineSettings(),
                        config.stateLimits(),
                        config.maxRecordBytes(),
                        config.getEagerCommitBelowPerSecond()),
                metrics,
                new InstanceCache(config.getInstanceCacheMb() << 20),
                definitionsFeed,
                applied,
                extension);
    }

    /**
     * Starts Kafka Streams, advertising {@code server} to the other nodes for interactive queries
     * (null: no address, queries are answered from this node alone). Only the first call counts.
     *
     * @return whether this call started it
     */
    public synchronized boolean start(HostInfo server) {
        if (closed || streams != null) {
            if (streams != null && server != null && !server.equals(advertised)) {
                LOG.warn("Kafka Streams already runs advertising {}; not {}", advertised, server);
            }
            return false;
        }
        upgradeGlobalStores(config.dataPath(), config.getApplicationId());
        Properties props = StreamsConfigFactory.build(
                kafka.clientProperties(),
                config.getApplicationId(),
                config.dataPath().resolve("streams"),
                config.getCommitIntervalMs(),
                config.getStreamThreads(),
                config.getReplicationFactor(),
                config.getStandbyReplicas(),
                server == null ? null : server.host() + ":" + server.port());
        if (!config.getReplyTopicPattern().isBlank()) {
            // A reply topic created after the start is found at the next metadata refresh: keep it short.
            props.put(
                    org.apache.kafka.streams.StreamsConfig.mainConsumerPrefix(
                            org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG),
                    "5000");
        }
        KafkaStreams s = new KafkaStreams(topology, props, new DefinitionsClientSupplier(definitionsFeed));
        s.setUncaughtExceptionHandler(e -> {
            threads.died();
            LOG.error(
                    "Stream thread failed ({} in the last {} s); replacing it",
                    threads.recentDeaths(),
                    config.getHealth().getReplacementWindowMs() / 1000,
                    e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        s.setGlobalStateRestoreListener(restore);
        s.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        this.advertised = server;
        this.streams = s;
        startListeners.forEach(l -> l.accept(s));
        LOG.info(
                "Starting Kafka Streams{}",
                server == null
                        ? " (no advertised query address)"
                        : " advertising " + server.host() + ":" + server.port() + " for queries");
        s.start();
        return true;
    }

    /**
     * The definitions global store keeps record timestamps since it is a timestamped store; one
     * written before kept values only, and Kafka Streams would read its entries with no timestamp
     * (and, restored from its checkpoint, never read those records again). The first start after
     * the change drops this node's global stores, so that they are read again from their topics.
     */
    static void upgradeGlobalStores(Path dataPath, String applicationId) {
        Path marker = dataPath.resolve("definitions-store-timestamped");
        Path global = dataPath.resolve("streams").resolve(applicationId).resolve("global");
        try {
            if (Files.exists(marker)) {
                return;
            }
            if (Files.exists(global)) {
                LOG.info("Dropping the global stores in {}: they are read again, with record timestamps", global);
                try (Stream<Path> files = Files.walk(global)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(dataPath);
            Files.writeString(marker, "1\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the global stores in " + global, e);
        }
    }

    /** What this node has restored from changelogs since it started, and what it restores now. */
    /** Tells waits on this node when a step of a workflow it owns has been applied. */
    public AppliedNotices applied() {
        return applied;
    }

    public RestoreProgress restoreProgress() {
        return restore;
    }

    /** Kafka Streams' client metrics (including RocksDB's), empty before the start. */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> kafkaMetrics() {
        KafkaStreams s = streams;
        return s == null ? java.util.Map.of() : s.metrics();
    }

    /** Whether Kafka Streams has been started (it may have stopped since). */
    public boolean started() {
        return streams != null;
    }

    /** Waits until the topology is running (restored and assigned); starts it unadvertised if nothing has yet. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        if (streams == null) {
            start(null);
        }
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the topology is running, without starting it: for readers that need the global
     * stores restored (they are before the stream threads run) but must not start Kafka Streams
     * before the server advertises its address.
     */
    public boolean awaitRunningOnceStarted(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the topology has been running (restored and assigned) at least once. */
    public boolean hasRun() {
        return running.getCount() == 0;
    }

    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    /** The stream threads' health, brought up to date with their current states. */
    public ThreadHealth threadHealth() {
        KafkaStreams s = streams;
        if (s != null) {
            try {
                threads.observed(s.metadataForLocalThreads().stream()
                        .map(t -> t.threadState())
                        .toList());
            } catch (RuntimeException e) {
                threads.observed(List.of()); // shutting down: no thread to speak of
            }
        }
        return threads;
    }

    public RuntimeMetrics metrics() {
        return metrics;
    }

    /** The HTTP address this node advertises to the others; empty when it advertises none. */
    public Optional<HostInfo> advertised() {
        return Optional.ofNullable(advertised);
    }

    /** The instances held by this node (interactive query over its active copies). */
    public InstanceReader localInstances() {
        return new InstanceReader(store(Topics.WORKFLOW_STORE, null, false), store(Topics.INSTANCE_STORE, null, false));
    }

    /**
     * The instances of one partition held by this node: its active copy, or with {@code stale}
     * also a standby (or restoring) copy. Throws {@link InvalidStateStoreException} when there is none.
     */
    public InstanceReader localInstances(int partition, boolean stale) {
        return new InstanceReader(
                store(Topics.WORKFLOW_STORE, partition, stale), store(Topics.INSTANCE_STORE, partition, stale));
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name, Integer partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> p =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore());
        if (partition != null) {
            p = p.withPartition(partition);
        }
        return query(running(), stale ? p.enableStaleStores() : p);
    }

    /**
     * The generation in which this node serves the partition's active copy of the instance stores
     * (restored and processing, see {@link ServedPartitions}); 0 when it does not (not active here,
     * still restoring, or being handed over). A read is authoritative when it is the same before and after.
     */
    public long servedGeneration(int partition) {
        return metrics.served().generation(partition);
    }

    /** Which partition holds the instance with this id, and which nodes hold it (active, standbys). */
    public KeyQueryMetadata instanceMetadata(String workflowId) {
        return running().queryMetadataForKey(Topics.WORKFLOW_STORE, workflowId, KEYS);
    }

    /** Every node of the application with the instance-store partitions it holds (active and standby). */
    public Collection<StreamsMetadata> allNodes() {
        return running().metadataForAllStreamsClients();
    }

    /** Partitions of the instance store whose active copy this node holds. */
    public List<Integer> localActivePartitions() {
        return running().metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .filter(task -> task.topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(Topics.COMMANDS)))
                .map(task -> task.taskId().partition())
                .sorted()
                .distinct()
                .toList();
    }

    private KafkaStreams running() {
        KafkaStreams s = streams;
        if (s == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started yet");
        }
        return s;
    }

    /**
     * A store of {@code streams}; while Kafka Streams shuts down (or after) it says
     * {@link InvalidStateStoreException} — a 503 to retry elsewhere — rather than the
     * IllegalStateException Kafka Streams throws, which the API would answer with a 500.
     */
    static <T> T query(KafkaStreams streams, StoreQueryParameters<T> parameters) {
        try {
            return streams.store(parameters);
        } catch (InvalidStateStoreException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new InvalidStateStoreException(e.getMessage(), e);
        }
    }

    /** The timers held by this node (interactive query; the operations layer gauges their number). */
    public ReadOnlyKeyValueStore<String, byte[]> localTimers() {
        return query(
                running(),
                StoreQueryParameters.fromNameAndType(
                        Topics.TIMER_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /**
     * Calls {@code listener} with the Kafka Streams client once it is created (at once if it already
     * is), e.g. to bind its metrics; the listener must not start, stop or reconfigure it.
     */
    public synchronized void whenStarted(java.util.function.Consumer<KafkaStreams> listener) {
        startListeners.add(listener);
        if (streams != null) {
            listener.accept(streams);
        }
    }

    /** The Kafka Streams client, for metric binders; callers must not start, stop or reconfigure it. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The definitions global store (the same on every node), for the API's reads. */
    public ReadOnlyKeyValueStore<String, byte[]> definitions() {
        return query(
                running(),
                StoreQueryParameters.fromNameAndType(
                        Topics.DEFINITION_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /**
     * The definitions global store with each value's record timestamp (interactive query; valid
     * while running). Its updates are announced by {@link #definitionsFeed()}.
     */
    public ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> timestampedDefinitions() {
        return query(
                running(),
                StoreQueryParameters.fromNameAndType(
                        Topics.DEFINITION_STORE, QueryableStoreTypes.<String, byte[]>timestampedKeyValueStore()));
    }

    /** Every record the definitions global store applies, and how far it has read the topic. */
    public DefinitionsFeed definitionsFeed() {
        return definitionsFeed;
    }

    /** The global store of poll activity ({@code baton.pollers}: Conductor's poll data, from every node and worker). */
    public ReadOnlyKeyValueStore<String, byte[]> pollers() {
        return query(
                running(),
                StoreQueryParameters.fromNameAndType(
                        Topics.POLLER_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    /** The definitions global store as the engine sees it (interactive query; valid while running). */
    public DefinitionsView definitionsView() {
        return new DefinitionsView(definitions());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (streams == null) {
            return;
        }
        // Leave the group, so that a restart (or another instance) gets the partitions at once
        // instead of waiting for this member's session to time out.
        boolean stopped =
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofMillis(config.getShutdownTimeoutMs())));
        if (!stopped) {
            LOG.warn(
                    "Kafka Streams did not stop within {} ms; going on with the shutdown",
                    config.getShutdownTimeoutMs());
        }
    }
}
