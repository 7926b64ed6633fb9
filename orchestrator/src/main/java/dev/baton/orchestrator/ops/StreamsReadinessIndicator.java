package dev.baton.orchestrator.ops;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code kafkaStreams} in {@code /health} and {@code /health/readiness}: UP only while Kafka
 * Streams is RUNNING, so a load balancer sends no queries to a node still rebalancing or
 * restoring its stores. The state is in the details.
 */
@Singleton
public class StreamsReadinessIndicator implements HealthIndicator {
    static final String NAME = "kafkaStreams";

    private final StreamsStateSource source;

    public StreamsReadinessIndicator(StreamsStateSource source) {
        this.source = source;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder(NAME, StreamsHealth.readiness(source))
                .details(StreamsHealth.details(source))
                .build());
    }
}
