package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.kafka.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the definitions global store in step with the compacted definitions topic (a tombstone deletes).
 * Every key is kept as it is, including the bridge's {@code eventsource:<name>} resources, which the
 * engine never reads ({@link DefinitionsView} looks up only {@code workflow:} and {@code task:} keys).
 */
final class DefinitionLoader implements Processor<String, byte[], Void, Void> {
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Topics.DEFINITION_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
