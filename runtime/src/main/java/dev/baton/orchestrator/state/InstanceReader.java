package dev.baton.orchestrator.state;

import dev.baton.engine.model.WorkflowInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads instances from the state stores for queries (interactive queries on this node, active or
 * standby copies): a whole instance by id — its header from {@code baton-workflows}, then one scan
 * of its entries in {@code baton-instances} (a step writes its entries before its header, so entries
 * newer than the header read mean a step came in between: read again) — or headers only, for searches.
 */
public final class InstanceReader {
    private static final int MAX_ATTEMPTS = 5;
    private final ReadOnlyKeyValueStore<String, byte[]> workflows;
    private final ReadOnlyKeyValueStore<String, byte[]> instances;

    public InstanceReader(
            ReadOnlyKeyValueStore<String, byte[]> workflows, ReadOnlyKeyValueStore<String, byte[]> instances) {
        this.workflows = workflows;
        this.instances = instances;
    }

    /** The whole instance, or null. */
    public WorkflowInstance find(String workflowId) {
        if (!StateKeys.valid(workflowId)) {
            return null;
        }
        for (int attempt = 1; ; attempt++) {
            byte[] header = workflows.get(workflowId); // first: a step written after it shows as newer entries
            if (header == null) {
                return null;
            }
            List<KeyValue<String, byte[]>> entries = PayloadChunks.instance(instances, workflowId);
            try {
                return InstanceAssembly.assemble(
                        header, entries, chunks -> InstanceAssembly.readOnly(chunks, workflowId), new Loaded(null));
            } catch (TornReadException e) {
                // only a store restored record by record (a standby catching up) can show part of a step
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** An instance without its tasks, from its stored header. */
    public WorkflowInstance header(String workflowId, byte[] header) {
        Map<String, byte[]> chunks = new HashMap<>() {
            @Override
            public byte[] get(Object key) {
                return instances.get((String) key);
            }
        };
        return StateCodec.header(StateCodec.decodeHeader(header), InstanceAssembly.readOnly(chunks, workflowId));
    }

    /** One out-of-line document of an instance, as JSON bytes, or null when there is none. */
    public byte[] payload(String workflowId, String payloadId) {
        if (!StateKeys.valid(workflowId) || payloadId == null || payloadId.indexOf(StateKeys.SEP) >= 0) {
            return null;
        }
        return PayloadChunks.readAll(instances, workflowId, payloadId);
    }

    /** Visits every instance header (for searches). */
    public void forEachHeader(java.util.function.BiConsumer<String, byte[]> visitor) {
        try (KeyValueIterator<String, byte[]> it = workflows.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                visitor.accept(kv.key, kv.value);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
