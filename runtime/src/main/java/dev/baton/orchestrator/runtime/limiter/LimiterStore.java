package dev.baton.orchestrator.runtime.limiter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The limiter's store ({@code baton-limiter}), per limit key {@code k}:
 * {@code s\0k} its {@link SlotState}; {@code q\0k\0<seq>} the commands held, oldest first;
 * {@code i\0k\0<taskId>} the sequence number a task's command is held under;
 * {@code f\0k\0<taskId>} when a released task's command went out (it holds a slot until it ends).
 */
final class LimiterStore {
    private static final StringSerializer KEYS = new StringSerializer();
    private static final String SEP = "\u0000";

    private final KeyValueStore<String, byte[]> store;

    LimiterStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    SlotState state(String limitKey) {
        return SlotState.decode(store.get("s" + SEP + limitKey));
    }

    void save(String limitKey, SlotState s) {
        if (s.empty()) {
            store.delete("s" + SEP + limitKey);
        } else {
            store.put("s" + SEP + limitKey, s.encode());
        }
    }

    /** The limit keys that have commands held. */
    List<String> keysHolding() {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan("s" + SEP, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (SlotState.decode(kv.value).held > 0) {
                    out.add(kv.key.substring(2));
                }
            }
        }
        return out;
    }

    // ---- held commands -------------------------------------------------------------------

    /** The oldest command held for a key (with its sequence number), or null. */
    KeyValue<Long, HeldCommand> first(String limitKey) {
        String prefix = "q" + SEP + limitKey + SEP;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<String, byte[]> kv = it.next();
            return KeyValue.pair(Long.parseLong(kv.key.substring(prefix.length())), HeldCommand.decode(kv.value));
        }
    }

    /** The sequence number a task's command is held under, or null. */
    Long heldSeq(String limitKey, String taskId) {
        byte[] v = store.get("i" + SEP + limitKey + SEP + taskId);
        return v == null ? null : ByteBuffer.wrap(v).getLong();
    }

    void hold(String limitKey, long seq, HeldCommand c) {
        store.put(queueKey(limitKey, seq), c.encode());
        store.put(
                "i" + SEP + limitKey + SEP + c.taskId(),
                ByteBuffer.allocate(8).putLong(seq).array());
    }

    void unhold(String limitKey, long seq, String taskId) {
        store.delete(queueKey(limitKey, seq));
        store.delete("i" + SEP + limitKey + SEP + taskId);
    }

    private static String queueKey(String limitKey, long seq) {
        return "q" + SEP + limitKey + SEP + String.format("%019d", seq);
    }

    // ---- slots held by released tasks --------------------------------------------------------

    boolean inFlight(String limitKey, String taskId) {
        return store.get("f" + SEP + limitKey + SEP + taskId) != null;
    }

    void takeSlot(String limitKey, String taskId, long now) {
        store.put(
                "f" + SEP + limitKey + SEP + taskId,
                ByteBuffer.allocate(8).putLong(now).array());
    }

    void freeSlot(String limitKey, String taskId) {
        store.delete("f" + SEP + limitKey + SEP + taskId);
    }
}
