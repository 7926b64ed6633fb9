package dev.baton.orchestrator.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Store writes collected while a step is prepared, carried out together once nothing more can
 * fail: one {@code putAll} per store, which RocksDB applies as one write batch — a reader's scan
 * sees all of a step's writes to a store or none of them.
 */
final class StoreOps {
    private final Map<KeyValueStore<String, byte[]>, List<KeyValue<String, byte[]>>> batches = new LinkedHashMap<>();
    private int count;
    private long bytes;

    void put(KeyValueStore<String, byte[]> store, String key, byte[] value) {
        batches.computeIfAbsent(store, s -> new ArrayList<>()).add(KeyValue.pair(key, value));
        count++;
        bytes += key.length() + value.length;
    }

    void delete(KeyValueStore<String, byte[]> store, String key) {
        batches.computeIfAbsent(store, s -> new ArrayList<>()).add(KeyValue.pair(key, null));
        count++;
        bytes += key.length();
    }

    void apply() {
        batches.forEach(KeyValueStore::putAll); // a null value deletes its key
        batches.clear();
    }

    int count() {
        return count;
    }

    /** Bytes of keys and values written. */
    long bytes() {
        return bytes;
    }
}
