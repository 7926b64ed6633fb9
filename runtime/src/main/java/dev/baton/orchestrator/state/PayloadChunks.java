package dev.baton.orchestrator.state;

import dev.baton.state.PayloadRef;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Large JSON documents of an instance, split into chunks in the payload store. */
final class PayloadChunks {
    private static final StringSerializer KEYS = new StringSerializer();

    private PayloadChunks() {}

    static PayloadRef write(
            StoreOps ops,
            KeyValueStore<String, byte[]> store,
            String workflowId,
            String payloadId,
            byte[] document,
            int chunkSize) {
        int chunks = Math.max(1, (document.length + chunkSize - 1) / chunkSize);
        for (int i = 0; i < chunks; i++) {
            int from = i * chunkSize;
            int to = Math.min(document.length, from + chunkSize);
            byte[] part = new byte[to - from];
            System.arraycopy(document, from, part, 0, part.length);
            ops.put(store, StateKeys.chunk(workflowId, payloadId, i), part);
        }
        return new PayloadRef(payloadId, (long) document.length, chunks);
    }

    /** The document from the chunks read with its instance (by key), or null when they are not all there. */
    static byte[] read(java.util.Map<String, byte[]> chunks, String workflowId, PayloadRef ref) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, ref.getSize()));
        for (int i = 0; i < ref.getChunks(); i++) {
            byte[] part = chunks.get(StateKeys.chunk(workflowId, ref.getId(), i));
            if (part == null) {
                return null;
            }
            out.writeBytes(part);
        }
        return out.size() == ref.getSize() ? out.toByteArray() : null;
    }

    /** A document by id (its chunks in order), or null when it has none. */
    static byte[] readAll(ReadOnlyKeyValueStore<String, byte[]> store, String workflowId, String payloadId) {
        List<KeyValue<String, byte[]>> parts = entries(store, StateKeys.payloadPrefix(workflowId, payloadId));
        if (parts.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.value));
        return out.toByteArray();
    }

    static void delete(StoreOps ops, KeyValueStore<String, byte[]> store, String workflowId, PayloadRef ref) {
        for (int i = 0; i < ref.getChunks(); i++) {
            ops.delete(store, StateKeys.chunk(workflowId, ref.getId(), i));
        }
    }

    /** Every key under a prefix (collected first: a store must not change while it is iterated). */
    static List<String> keys(ReadOnlyKeyValueStore<String, byte[]> store, String prefix) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                out.add(it.next().key);
            }
        }
        return out;
    }

    /** Every entry of one instance (header, tasks, passes, chunks), from one scan: one consistent view. */
    static List<KeyValue<String, byte[]>> instance(ReadOnlyKeyValueStore<String, byte[]> store, String workflowId) {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(workflowId, StateKeys.end(workflowId))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (!kv.key.equals(StateKeys.end(workflowId))) {
                    out.add(kv);
                }
            }
        }
        return out;
    }

    /** Every entry under a prefix, in key order. */
    static List<KeyValue<String, byte[]>> entries(ReadOnlyKeyValueStore<String, byte[]> store, String prefix) {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }
}
