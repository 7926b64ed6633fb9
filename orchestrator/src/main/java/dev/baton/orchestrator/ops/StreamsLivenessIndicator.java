package dev.baton.orchestrator.ops;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code kafkaStreamsLiveness} in {@code /health} and {@code /health/liveness}: DOWN once Kafka
 * Streams has failed or is shutting down (ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING),
 * so that an orchestrator restarts the node. The state is in the details.
 */
@Singleton
@Liveness
public class StreamsLivenessIndicator implements HealthIndicator {
    static final String NAME = "kafkaStreamsLiveness";

    private final StreamsStateSource source;

    public StreamsLivenessIndicator(StreamsStateSource source) {
        this.source = source;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder(NAME, StreamsHealth.liveness(source))
                .details(StreamsHealth.details(source))
                .build());
    }
}
