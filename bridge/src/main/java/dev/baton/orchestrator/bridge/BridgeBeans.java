package dev.baton.orchestrator.bridge;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.registry.client.SchemaRegistryClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Wires the bridge's parts: the definitions mirror (on a node without the runtime), the event decoder,
 * the resources store and the topology part.
 */
@Factory
public class BridgeBeans {

    /**
     * On a node without the runtime ({@code baton.runtime.enabled=false}) the bridge reads the
     * definitions topic itself; a node with it reads the runtime's store instead (see RuntimeBeans).
     */
    @Singleton
    @Requires(property = "baton.runtime.enabled", value = "false")
    @Bean(preDestroy = "close")
    BridgeDefinitions definitionsMirror(KafkaConnection kafka) {
        return kafka.closeBeforeMe(new DefinitionsMirror(kafka.clientProperties()));
    }

    /** On a node that runs the runtime: the bridge's definitions served by its definitions global store. */
    public static BridgeDefinitions storeDefinitions(StreamsRuntime runtime, KafkaConnection kafka) {
        return kafka.closeBeforeMe(new StoreDefinitions(runtime, kafka.clientProperties()));
    }

    @Singleton
    EventDecoder eventDecoder(SchemaRegistryClient registry) {
        return new EventDecoder(registry);
    }

    @Singleton
    @Bean(preDestroy = "close")
    EventSourceResources eventSourceResources(KafkaConnection kafka, BridgeDefinitions mirror) {
        return kafka.closeBeforeMe(new EventSourceResources(kafka.clientProperties(), mirror));
    }

    @Singleton
    BridgeTopology bridgeTopology(ProtocolCodec codec, BridgeConfig config, BridgeMetrics metrics) {
        return new BridgeTopology(
                codec,
                Duration.ofMillis(config.getBufferTtlMs()),
                Duration.ofMillis(config.getExpiryScanMs()),
                metrics);
    }

    /** The ingest service of this node (not started). */
    public static BridgeIngest ingest(
            KafkaConnection kafka,
            BatonConfig baton,
            BridgeConfig config,
            BridgeDefinitions mirror,
            EventDecoder decoder,
            BridgeMetrics metrics) {
        return new BridgeIngest(
                kafka.clientProperties(),
                baton.getApplicationId() + "-bridge",
                baton.getApplicationId() + "-bridge-" + nodeId(baton.dataPath()),
                config,
                mirror,
                decoder,
                metrics);
    }

    /**
     * A stable id for this node, kept in its data directory: the ingest's transactional id is built
     * from it, so that after a crash the restarted node aborts the transaction it left open.
     */
    static String nodeId(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("bridge-node-id");
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the bridge node id in " + dataDir, e);
        }
    }
}
