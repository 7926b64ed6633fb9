package dev.baton.orchestrator.runtime;

import dev.baton.engine.EngineSettings;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.limiter.LimiterProcessor;
import dev.baton.orchestrator.state.InstanceCache;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Baton's Kafka Streams topology: control commands and task replies (both keyed by workflow id)
 * feed one processor that owns the state stores (instance headers, tasks, payload chunks, timers);
 * definitions are a global store; every output leaves through one routing sink.
 */
public final class BatonTopology {
    /** Cached instances per node when the caller gives no cache of its own. */
    private static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private BatonTopology() {}

    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            String replyTopic,
            Duration timerInterval,
            Duration retention,
            RuntimeMetrics metrics) {
        return build(codec, replies, payloads, ReplyTopics.of(replyTopic, null), timerInterval, retention, metrics);
    }

    /** With per-service reply topics: replies are read from the shared topic and every topic the pattern matches. */
    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ReplyTopics replyTopics,
            Duration timerInterval,
            Duration retention,
            RuntimeMetrics metrics) {
        return build(codec, replies, payloads, replyTopics, timerInterval, retention, metrics, t -> {});
    }

    /**
     * With further sub-topologies added by {@code extension} (the bridge adds its source
     * {@code baton.bridge}, its processor, stores and sink there, so that this layer does not depend on it).
     */
    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ReplyTopics replyTopics,
            Duration timerInterval,
            Duration retention,
            RuntimeMetrics metrics,
            Consumer<Topology> extension) {
        return build(
                codec,
                replies,
                payloads,
                ProcessorSettings.of(replyTopics, timerInterval, retention),
                metrics,
                new InstanceCache(DEFAULT_CACHE_BYTES),
                extension);
    }

    /** As above, with the engine's limits. */
    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ReplyTopics replyTopics,
            Duration timerInterval,
            Duration retention,
            RuntimeMetrics metrics,
            EngineSettings engine,
            Consumer<Topology> extension) {
        ProcessorSettings d = ProcessorSettings.of(replyTopics, timerInterval, retention);
        return build(
                codec,
                replies,
                payloads,
                new ProcessorSettings(
                        replyTopics,
                        timerInterval,
                        retention,
                        engine,
                        d.state(),
                        (int) engine.payloads().record(),
                        d.eagerCommitBelow()),
                metrics,
                new InstanceCache(DEFAULT_CACHE_BYTES),
                extension);
    }

    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ProcessorSettings settings,
            RuntimeMetrics metrics,
            InstanceCache cache,
            Consumer<Topology> extension) {
        return build(
                codec,
                replies,
                payloads,
                settings,
                metrics,
                cache,
                new DefinitionsFeed(),
                new AppliedNotices(),
                extension);
    }

    /**
     * As above, telling {@code definitions} of every record the definitions global store applies (the
     * store keeps each value with its record's timestamp), and {@code applied} of every step the workflow
     * processor applies.
     */
    public static Topology build(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ProcessorSettings settings,
            RuntimeMetrics metrics,
            InstanceCache cache,
            DefinitionsFeed definitions,
            AppliedNotices applied,
            Consumer<Topology> extension) {
        Topology t = new Topology();
        t.addGlobalStore(
                Stores.timestampedKeyValueStoreBuilder(
                                Stores.persistentTimestampedKeyValueStore(Topics.DEFINITION_STORE),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withLoggingDisabled(),
                "definitions-source",
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                Topics.DEFINITIONS,
                "definitions-loader",
                () -> new DefinitionLoader(definitions));
        t.addSource("commands", new StringDeserializer(), new ByteArrayDeserializer(), Topics.COMMANDS);
        ReplyTopics replyTopics = settings.replyTopics();
        if (replyTopics.pattern() == null) {
            t.addSource("replies", new StringDeserializer(), new ByteArrayDeserializer(), replyTopics.shared());
        } else {
            t.addSource("replies", new StringDeserializer(), new ByteArrayDeserializer(), replyTopics.subscription());
        }
        EagerCommits eager = new EagerCommits(settings.eagerCommitBelow());
        t.addProcessor(
                "workflow",
                () -> new WorkflowProcessor(
                        codec, replies, payloads, settings, metrics, cache, eager, applied, definitions),
                "commands",
                "replies");
        for (String store : new String[] {Topics.WORKFLOW_STORE, Topics.INSTANCE_STORE, Topics.TIMER_STORE}) {
            t.addStateStore(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray()),
                    "workflow");
        }
        t.addSink("out", new Routed.Router(), new StringSerializer(), new Routed.BytesSerializer(), "workflow");
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(Topics.POLLER_STORE),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withLoggingDisabled(),
                "pollers-source",
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                Topics.POLLERS,
                "pollers-loader",
                PollerLoader::new);
        extension.accept(t);
        addLimiter(t, settings);
        return t;
    }

    /**
     * The limiter, its own sub-topology keyed by task definition name: commands of limited tasks wait
     * there until their definition's concurrency and rate limits let them go to their service topic.
     */
    private static void addLimiter(Topology t, ProcessorSettings settings) {
        t.addSource("limiter-source", new StringDeserializer(), new ByteArrayDeserializer(), Topics.LIMITER);
        t.addProcessor(
                "limiter",
                () -> new LimiterProcessor(settings.timerInterval(), settings.maxRecordBytes()),
                "limiter-source");
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Topics.LIMITER_STORE), Serdes.String(), Serdes.ByteArray()),
                "limiter");
        t.addSink("limiter-out", new Routed.Router(), new StringSerializer(), new Routed.BytesSerializer(), "limiter");
    }
}
