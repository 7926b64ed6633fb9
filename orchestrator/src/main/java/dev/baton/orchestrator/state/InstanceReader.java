package dev.baton.orchestrator.state;

import dev.baton.engine.model.WorkflowInstance;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads instances from the state stores for queries (interactive queries on this node, active or
 * standby copies): a whole instance by id, or headers only for searches.
 */
public final class InstanceReader {
    private final ReadOnlyKeyValueStore<String, byte[]> workflows;
    private final ReadOnlyKeyValueStore<String, byte[]> tasks;
    private final ReadOnlyKeyValueStore<String, byte[]> payloads;

    public InstanceReader(ReadOnlyKeyValueStore<String, byte[]> workflows, ReadOnlyKeyValueStore<String, byte[]> tasks,
                          ReadOnlyKeyValueStore<String, byte[]> payloads) {
        this.workflows = workflows;
        this.tasks = tasks;
        this.payloads = payloads;
    }

    /**
     * The whole instance, or null. The header is read first, then its tasks; a read that meets a step
     * being written (the processor writes tasks first and the header last) is made again, so a
     * query sees one whole step.
     */
    public WorkflowInstance find(String workflowId) {
        if (!StateKeys.valid(workflowId)) {
            return null;
        }
        for (int attempt = 1; ; attempt++) {
            byte[] header = workflows.get(workflowId);
            if (header == null) {
                return null;
            }
            try {
                List<KeyValue<String, byte[]>> entries = PayloadChunks.entries(tasks, StateKeys.prefix(workflowId));
                return InstanceAssembly.assemble(header, entries, InstanceAssembly.readOnly(payloads, workflowId),
                        new Loaded(null));
            } catch (TornReadException | StateCorruptException e) {
                // chunks of a document replaced by the step in progress may be gone as well
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static final int MAX_ATTEMPTS = 20;

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(50, 2L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An instance without its tasks, from its stored header. */
    public WorkflowInstance header(String workflowId, byte[] header) {
        return StateCodec.header(StateCodec.decodeHeader(header), InstanceAssembly.readOnly(payloads, workflowId));
    }

    /** One out-of-line document of an instance, as JSON bytes, or null when there is none. */
    public byte[] payload(String workflowId, String payloadId) {
        return PayloadChunks.readAll(payloads, workflowId, payloadId);
    }

    /** Visits every instance header (for searches). */
    public void forEachHeader(java.util.function.BiConsumer<String, byte[]> visitor) {
        try (var it = workflows.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                visitor.accept(kv.key, kv.value);
            }
        }
    }

    static final StringSerializer KEYS = new StringSerializer();
}
