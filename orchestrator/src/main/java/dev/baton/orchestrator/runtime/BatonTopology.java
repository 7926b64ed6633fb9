package dev.baton.orchestrator.runtime;

import dev.baton.engine.EngineSettings;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Baton's Kafka Streams topology: control commands and task replies (both keyed by workflow id)
 * feed one processor that owns the instance and timer stores; definitions are a global store;
 * every output leaves through one routing sink.
 */
public final class BatonTopology {
    private BatonTopology() {
    }

    public static Topology build(ProtocolCodec codec, ReplyDecoder replies, CommandPayloads payloads, String replyTopic,
                                 Duration timerInterval, Duration retention, RuntimeMetrics metrics) {
        return build(codec, replies, payloads, ReplyTopics.of(replyTopic, null), timerInterval, retention, metrics);
    }

    /** With per-service reply topics: replies are read from the shared topic and every topic the pattern matches. */
    public static Topology build(ProtocolCodec codec, ReplyDecoder replies, CommandPayloads payloads, ReplyTopics replyTopics,
                                 Duration timerInterval, Duration retention, RuntimeMetrics metrics) {
        return build(codec, replies, payloads, replyTopics, timerInterval, retention, metrics, t -> { });
    }

    /**
     * With further sub-topologies added by {@code extension} (the bridge adds its source
     * {@code baton.bridge}, its processor, stores and sink there, so that this layer does not depend on it).
     */
    public static Topology build(ProtocolCodec codec, ReplyDecoder replies, CommandPayloads payloads, ReplyTopics replyTopics,
                                 Duration timerInterval, Duration retention, RuntimeMetrics metrics,
                                 java.util.function.Consumer<Topology> extension) {
        return build(codec, replies, payloads, replyTopics, timerInterval, retention, metrics, EngineSettings.defaults(),
                extension);
    }

    /** As above, with the engine's limits. */
    public static Topology build(ProtocolCodec codec, ReplyDecoder replies, CommandPayloads payloads, ReplyTopics replyTopics,
                                 Duration timerInterval, Duration retention, RuntimeMetrics metrics, EngineSettings settings,
                                 java.util.function.Consumer<Topology> extension) {
        Topology t = new Topology();
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Topics.DEFINITION_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                "definitions-source", new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.DEFINITIONS, "definitions-loader", DefinitionLoader::new);
        t.addSource("commands", new StringDeserializer(), new ByteArrayDeserializer(), Topics.COMMANDS);
        if (replyTopics.pattern() == null) {
            t.addSource("replies", new StringDeserializer(), new ByteArrayDeserializer(), replyTopics.shared());
        } else {
            t.addSource("replies", new StringDeserializer(), new ByteArrayDeserializer(), replyTopics.subscription());
        }
        t.addProcessor("workflow",
                () -> new WorkflowProcessor(codec, replies, payloads, replyTopics, timerInterval, retention, metrics, settings),
                "commands", "replies");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Topics.INSTANCE_STORE),
                Serdes.String(), Serdes.ByteArray()), "workflow");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Topics.TIMER_STORE),
                Serdes.String(), Serdes.ByteArray()), "workflow");
        t.addSink("out", new Routed.Router(), new StringSerializer(), new Routed.BytesSerializer(), "workflow");
        extension.accept(t);
        return t;
    }
}
