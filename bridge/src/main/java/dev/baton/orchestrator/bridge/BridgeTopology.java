package dev.baton.orchestrator.bridge;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.Routed;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The bridge's part of Baton's topology, a sub-topology of its own: source {@code baton.bridge},
 * the {@link BridgeProcessor} with its two changelogged stores (the correlation index and the
 * buffer), and a sink routing to {@code baton.commands}, {@code baton.bridge.parked} or {@code baton.dlq}.
 */
public final class BridgeTopology implements Consumer<Topology> {
    private final ProtocolCodec codec;
    private final Duration ttl;
    private final Duration scanInterval;
    private final BridgeMetrics metrics;

    public BridgeTopology(ProtocolCodec codec, Duration ttl, Duration scanInterval, BridgeMetrics metrics) {
        this.codec = codec;
        this.ttl = ttl;
        this.scanInterval = scanInterval;
        this.metrics = metrics;
    }

    @Override
    public void accept(Topology t) {
        t.addSource("bridge-source", new StringDeserializer(), new ByteArrayDeserializer(), Topics.BRIDGE);
        t.addProcessor("bridge", () -> new BridgeProcessor(codec, ttl, scanInterval, metrics), "bridge-source");
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Topics.CORRELATION_STORE), Serdes.String(), Serdes.String()),
                "bridge");
        t.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Topics.BRIDGE_BUFFER_STORE),
                        Serdes.String(),
                        Serdes.ByteArray()),
                "bridge");
        t.addSink("bridge-out", new Router(), new ByteArraySerializer(), new Routed.BytesSerializer(), "bridge");
    }

    /** Picks the topic carried by the value. */
    static final class Router implements TopicNameExtractor<byte[], Routed> {
        @Override
        public String extract(byte[] key, Routed value, RecordContext recordContext) {
            return value.topic();
        }
    }
}
