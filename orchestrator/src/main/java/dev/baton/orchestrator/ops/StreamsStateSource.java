package dev.baton.orchestrator.ops;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The state port the health indicators read: the Kafka Streams runtime's state, if one exists
 * yet. Decoupled from how and when the runtime is created (at context start, or later once the
 * server's port is known).
 */
public interface StreamsStateSource {

    /** Whether this node runs the Kafka Streams runtime at all ({@code baton.runtime.enabled}). */
    boolean enabled();

    /** The runtime's state; empty while no runtime has been created yet. */
    Optional<KafkaStreams.State> state();

    /** The stream threads' health (replacements, threads not running); empty while no runtime exists. */
    default Optional<dev.baton.orchestrator.runtime.ThreadHealth> threads() {
        return Optional.empty();
    }

    /** What the runtime restores from changelogs; empty while no runtime exists. */
    default Optional<dev.baton.orchestrator.runtime.RestoreProgress> restore() {
        return Optional.empty();
    }
}
