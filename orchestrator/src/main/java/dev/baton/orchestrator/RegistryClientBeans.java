package dev.baton.orchestrator;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.registry.builtin.BuiltInRegistryConfig;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.client.HttpSchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryClient;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The schema registry Baton uses: the built-in one (kept in the compacted baton.schemas topic and
 * served under /registry) unless {@code baton.registry-url} points at an external
 * Confluent-compatible registry (Confluent, Apicurio ccompat, Karapace, Redpanda).
 */
@Factory
public class RegistryClientBeans {

    @Singleton
    @Requires(missingProperty = "baton.registry-url")
    @Bean(preDestroy = "close")
    BuiltInSchemaRegistry builtInSchemaRegistry(KafkaConnection kafka, BatonConfig config) {
        return kafka.closeBeforeMe(BuiltInSchemaRegistry.start(BuiltInRegistryConfig.builder(kafka.bootstrapServers())
                .kafkaProperties(kafka.clientProperties())
                .replicationFactor(config.getReplicationFactor())
                .build()));
    }

    @Primary
    @Singleton
    SchemaRegistryClient schemaRegistryClient(BatonConfig config, BeanProvider<BuiltInSchemaRegistry> builtIn) {
        String url = config.getRegistryUrl();
        return url == null || url.isBlank()
                ? builtIn.get()
                : HttpSchemaRegistryClient.builder(url).build();
    }
}
