package dev.baton.orchestrator.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/** Store writes collected while a step is prepared, carried out together once nothing more can fail. */
final class StoreOps {
    private record Op(KeyValueStore<String, byte[]> store, String key, byte[] value) {
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    void put(KeyValueStore<String, byte[]> store, String key, byte[] value) {
        ops.add(new Op(store, key, value));
        bytes += key.length() + value.length;
    }

    void delete(KeyValueStore<String, byte[]> store, String key) {
        ops.add(new Op(store, key, null));
        bytes += key.length();
    }

    void apply() {
        for (Op op : ops) {
            if (op.value() == null) {
                op.store().delete(op.key());
            } else {
                op.store().put(op.key(), op.value());
            }
        }
        ops.clear();
    }

    int count() {
        return ops.size();
    }

    /** Bytes of keys and values written. */
    long bytes() {
        return bytes;
    }
}
