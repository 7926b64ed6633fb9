package dev.baton.orchestrator.ops;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The state of the Streams runtime bean, learnt when the bean is created (whenever that is):
 * asking for it never creates the runtime early. Empty until then, so readiness is DOWN.
 */
@Singleton
public class LiveStreamsState implements StreamsStateSource, BeanCreatedEventListener<StreamsRuntime> {
    private final boolean enabled;
    private volatile StreamsRuntime runtime;

    public LiveStreamsState(@Value("${baton.runtime.enabled:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public StreamsRuntime onCreated(BeanCreatedEvent<StreamsRuntime> event) {
        track(event.getBean());
        return event.getBean();
    }

    /** Follows {@code runtime} from now on; called for the runtime bean, and by code that creates a runtime by hand. */
    public void track(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Optional<KafkaStreams.State> state() {
        StreamsRuntime r = runtime;
        return r == null ? Optional.empty() : Optional.of(r.state());
    }

    @Override
    public Optional<dev.baton.orchestrator.runtime.ThreadHealth> threads() {
        StreamsRuntime r = runtime;
        return r == null ? Optional.empty() : Optional.of(r.threadHealth());
    }

    @Override
    public Optional<dev.baton.orchestrator.runtime.RestoreProgress> restore() {
        StreamsRuntime r = runtime;
        return r == null ? Optional.empty() : Optional.of(r.restoreProgress());
    }
}
