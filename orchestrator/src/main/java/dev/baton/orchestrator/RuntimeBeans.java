package dev.baton.orchestrator;

import dev.baton.orchestrator.bridge.BridgeBeans;
import dev.baton.orchestrator.bridge.BridgeConfig;
import dev.baton.orchestrator.bridge.BridgeDefinitions;
import dev.baton.orchestrator.bridge.BridgeIngest;
import dev.baton.orchestrator.bridge.BridgeMetrics;
import dev.baton.orchestrator.bridge.BridgeTopology;
import dev.baton.orchestrator.bridge.EventDecoder;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.runtime.CommandPayloads;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.ReplyDecoder;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.registry.client.SchemaRegistryClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Wires the runtime: codec, reply decoder, the Kafka Streams runtime (started eagerly), the bridge ingest and the client. */
@Factory
public class RuntimeBeans {

    @Singleton
    ProtocolCodec protocolCodec(BatonConfig config, SchemaRegistryClient registry) {
        return config.isJson() ? ProtocolCodec.json() : ProtocolCodec.avro(registry);
    }

    @Singleton
    ReplyDecoder replyDecoder(SchemaRegistryClient registry) {
        return new ReplyDecoder(registry);
    }

    @Singleton
    CommandPayloads commandPayloads(SchemaRegistryClient registry) {
        return new CommandPayloads(registry);
    }

    /** Started with the application; {@code baton.runtime.enabled=false} leaves it out (tools, tests of wiring). */
    @Context
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    StreamsRuntime streamsRuntime(
            KafkaConnection kafka,
            BatonConfig config,
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            BridgeTopology bridge) {
        return kafka.closeBeforeMe(new StreamsRuntime(kafka, config, codec, replies, payloads, bridge));
    }

    /**
     * The bridge's view of the definitions on this node, served by the runtime's definitions global
     * store: the topic is read once here (a node without the runtime reads it with the bridge's mirror).
     */
    @Singleton
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    BridgeDefinitions bridgeDefinitions(StreamsRuntime runtime, KafkaConnection kafka) {
        return BridgeBeans.storeDefinitions(runtime, kafka);
    }

    /**
     * The bridge's ingest service (reads the bound topics), started with the application after the
     * runtime created Baton's topics; {@code baton.bridge.enabled=false} leaves it out.
     */
    @Context
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    @Requires(property = "baton.bridge.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    BridgeIngest bridgeIngest(
            StreamsRuntime runtime,
            KafkaConnection kafka,
            BatonConfig config,
            BridgeConfig bridge,
            BridgeDefinitions mirror,
            EventDecoder decoder,
            BridgeMetrics metrics) {
        return kafka.closeBeforeMe(BridgeBeans.ingest(kafka, config, bridge, mirror, decoder, metrics)
                .waitForDefinitions(name -> runtime.started()
                        && runtime.definitionsView().workflow(name, null).isPresent())
                .start());
    }

    @Singleton
    @Bean(preDestroy = "close")
    WorkflowClient workflowClient(KafkaConnection kafka, BatonConfig config, ProtocolCodec codec) {
        return kafka.closeBeforeMe(new WorkflowClient(kafka.clientProperties(), config, codec));
    }
}
