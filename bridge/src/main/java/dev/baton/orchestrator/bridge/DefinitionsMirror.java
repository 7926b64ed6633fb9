package dev.baton.orchestrator.bridge;

import dev.baton.dsl.EventSource;
import dev.baton.kafka.TopicView;
import dev.baton.orchestrator.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The bridge's own copy of the definitions topic, read from its beginning by a {@link TopicView} and
 * kept current, on a node that does not run the Kafka Streams runtime (the event-source API runs there
 * too). It is the only reader of the topic on such a node.
 *
 * <p>A node that runs the runtime does not use it: Kafka Streams reads the topic there into its
 * definitions global store, and the bridge reads that store ({@link StoreDefinitions}), so that the
 * topic is read once per node either way.
 */
public final class DefinitionsMirror implements BridgeDefinitions {
    private final TopicPartition partition = new TopicPartition(Topics.DEFINITIONS, 0);
    private final DefinitionEntries entries = new DefinitionEntries();
    private final TopicView<String, byte[]> view;

    public DefinitionsMirror(Map<String, Object> clientProperties) {
        this.view = TopicView.of(
                        Topics.DEFINITIONS, clientProperties, new StringDeserializer(), new ByteArrayDeserializer())
                .name("baton-bridge-definitions")
                .onRecord(this::apply)
                .start();
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        entries.apply(r.key(), r.value(), r.timestamp());
    }

    @Override
    public void awaitCurrent(Duration timeout) {
        try {
            if (!view.awaitCatchUp(timeout)) {
                throw new IllegalStateException("the definitions topic could not be read to its end in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void awaitOffset(long offset, Duration timeout) {
        try {
            if (!view.awaitPosition(partition, offset + 1, timeout)) {
                throw new IllegalStateException(
                        "the definitions topic was not read up to offset " + offset + " in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long version() {
        return entries.version();
    }

    @Override
    public List<Binding> bindings() {
        return entries.bindings();
    }

    @Override
    public Map<String, EventSource> resources() {
        return entries.resources();
    }

    @Override
    public void close() {
        view.close(Duration.ofSeconds(10));
    }
}
