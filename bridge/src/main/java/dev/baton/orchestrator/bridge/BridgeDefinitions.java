package dev.baton.orchestrator.bridge;

import dev.baton.dsl.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bridge knows of the definitions topic: the bindings (every event source of the latest
 * version of each workflow, and the stand-alone event-source resources) and the resources themselves.
 * Callers that need to see a write (the API after storing a resource) wait for the offset they wrote.
 *
 * <p>The topic is read once per node: on a node that runs the Kafka Streams runtime the bridge reads
 * the runtime's definitions global store ({@link StoreDefinitions}); on a node without it (the
 * event-source API still runs there) it reads the topic itself ({@link DefinitionsMirror}).
 */
public interface BridgeDefinitions extends AutoCloseable {

    /** Waits until everything on the definitions topic so far has been read. */
    void awaitCurrent(Duration timeout);

    /** Waits until the record written at {@code offset} has been read. */
    void awaitOffset(long offset, Duration timeout);

    /** Changes whenever a definition or resource is written or deleted. */
    long version();

    /** Every binding now in force. */
    List<Binding> bindings();

    /** The stand-alone event-source resources, by name. */
    Map<String, EventSource> resources();

    default Optional<EventSource> resource(String name) {
        return Optional.ofNullable(resources().get(name));
    }

    @Override
    void close();
}
