package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/** The processors' view of the definitions reads the store again only after the store's generation changed. */
class DefinitionsViewTest {
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final CountingStore store = new CountingStore();
    private final DefinitionsView view = DefinitionsView.timestamped(store, generation::get);

    @Test
    void aLookupAtTheSameGenerationAnswersFromTheCache() {
        put("task:t", "{\"name\":\"t\",\"retryCount\":1}");
        assertThat(view.task("t").orElseThrow().retryCountOrDefault()).isEqualTo(1);
        int after = reads.get();
        for (int i = 0; i < 5; i++) {
            assertThat(view.task("t").orElseThrow().retryCountOrDefault()).isEqualTo(1);
        }
        assertThat(reads.get()).isEqualTo(after);
    }

    @Test
    void aChangeSeenAsANewGenerationIsReadAtOnce() {
        put("task:t", "{\"name\":\"t\",\"retryCount\":1}");
        assertThat(view.task("u")).isEmpty();
        assertThat(view.task("t").orElseThrow().retryCountOrDefault()).isEqualTo(1);

        put("task:t", "{\"name\":\"t\",\"retryCount\":2}");
        put("task:u", "{\"name\":\"u\"}");
        assertThat(view.task("t").orElseThrow().retryCountOrDefault()).isEqualTo(2);
        assertThat(view.task("u")).isPresent();
    }

    @Test
    void theLatestVersionOfAWorkflowFollowsNewVersions() {
        put("workflow:w:1", workflow(1));
        assertThat(view.workflow("w", null).orElseThrow().versionOrDefault()).isEqualTo(1);
        int after = reads.get();
        assertThat(view.workflow("w", null).orElseThrow().versionOrDefault()).isEqualTo(1);
        assertThat(reads.get()).isEqualTo(after);

        put("workflow:w:2", workflow(2));
        assertThat(view.workflow("w", null).orElseThrow().versionOrDefault()).isEqualTo(2);
        assertThat(view.workflow("w", 1).orElseThrow().versionOrDefault()).isEqualTo(1);
    }

    /** As the loader does: the store first, then the feed's generation. */
    private void put(String key, String json) {
        store.put(key, ValueAndTimestamp.make(json.getBytes(StandardCharsets.UTF_8), 1L));
        generation.incrementAndGet();
    }

    private static String workflow(int version) {
        return """
                {"name": "w", "version": %d, "schemaVersion": 2,
                 "tasks": [{"name": "t", "taskReferenceName": "t", "type": "SIMPLE"}]}""".formatted(version);
    }

    /** An in-memory store of timestamped values that counts its point reads and scans. */
    private final class CountingStore implements ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> {
        private final TreeMap<String, ValueAndTimestamp<byte[]>> map = new TreeMap<>();

        void put(String key, ValueAndTimestamp<byte[]> value) {
            map.put(key, value);
        }

        @Override
        public ValueAndTimestamp<byte[]> get(String key) {
            reads.incrementAndGet();
            return map.get(key);
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<String, ValueAndTimestamp<byte[]>> prefixScan(
                P prefix, PS serializer) {
            reads.incrementAndGet();
            String p = (String) prefix;
            return iterator(map.subMap(p, p + Character.MAX_VALUE));
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<byte[]>> range(String from, String to) {
            return iterator(map.subMap(from, true, to, true));
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<byte[]>> all() {
            return iterator(map);
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private KeyValueIterator<String, ValueAndTimestamp<byte[]>> iterator(
                Map<String, ValueAndTimestamp<byte[]>> entries) {
            Iterator<Map.Entry<String, ValueAndTimestamp<byte[]>>> it = new ArrayList<>(entries.entrySet()).iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<String, ValueAndTimestamp<byte[]>> next() {
                    Map.Entry<String, ValueAndTimestamp<byte[]>> e = it.next();
                    return KeyValue.pair(e.getKey(), e.getValue());
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {}
            };
        }
    }
}
