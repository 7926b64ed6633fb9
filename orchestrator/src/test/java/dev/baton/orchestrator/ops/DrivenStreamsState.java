package dev.baton.orchestrator.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** A Streams state a test sets by hand; replaces the live one in contexts that set {@code ops-test.driven-state}. */
@Singleton
@Replaces(LiveStreamsState.class)
@Requires(property = "ops-test.driven-state", value = "true")
public class DrivenStreamsState implements StreamsStateSource {
    private volatile KafkaStreams.State state;

    void set(KafkaStreams.State state) {
        this.state = state;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<KafkaStreams.State> state() {
        return Optional.ofNullable(state);
    }
}
