package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.kafka.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the definitions global store in step with the compacted definitions topic (a tombstone deletes),
 * each value with its record's timestamp, and tells the {@link DefinitionsFeed} of every record applied.
 * Every key is kept as it is, including the bridge's {@code eventsource:<name>} resources, which the
 * engine never reads ({@link DefinitionsView} looks up only {@code workflow:} and {@code task:} keys).
 */
final class DefinitionLoader implements Processor<String, byte[], Void, Void> {
    private final DefinitionsFeed feed;
    private ProcessorContext<Void, Void> context;
    private TimestampedKeyValueStore<String, byte[]> store;

    DefinitionLoader(DefinitionsFeed feed) {
        this.feed = feed;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(Topics.DEFINITION_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        if (offset >= 0) {
            feed.applied(record.key(), record.value(), record.timestamp(), offset);
        }
    }
}
