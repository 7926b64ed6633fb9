package dev.baton.orchestrator.http;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/**
 * Starts the built-in HTTP task worker with the application, unless
 * {@code baton.http-worker.enabled=false}, or {@code baton.runtime.enabled=false} (tools and
 * wiring tests that run without the orchestrator runtime). It uses the orchestrator's Kafka
 * connection and is closed before an embedded broker stops.
 */
@Factory
public class HttpWorkerBeans {

    @Context
    @Requires(property = "baton.http-worker.enabled", notEquals = "false")
    @Requires(property = "baton.runtime.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    HttpTaskWorker httpTaskWorker(KafkaConnection kafka, BatonConfig config, HttpWorkerConfig http) {
        HttpTaskWorker worker = HttpTaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .properties(kafka.clientProperties())
                .threads(http.getThreads())
                .partitions(config.getPartitions())
                .replicationFactor(config.getReplicationFactor())
                .limits(http.limits())
                .build();
        return kafka.closeBeforeMe(worker.start());
    }
}
