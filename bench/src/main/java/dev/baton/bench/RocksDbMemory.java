package dev.baton.bench;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * RocksDB's native memory as Kafka Streams reports it (RocksDB property metrics of every store).
 * All stores share one block cache, and the write buffer manager charges memtables to it, so the
 * cache usage (the same figure from every store) is RocksDB's bounded memory; memtables and
 * table readers are shown beside it.
 */
record RocksDbMemory(long blockCacheUsage, long blockCacheCapacity, long memtables, long tableReaders, int stores) {

    static RocksDbMemory read(StreamsRuntime runtime) {
        long usage = 0;
        long capacity = 0;
        long memtables = 0;
        long readers = 0;
        int stores = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : runtime.kafkaMetrics().entrySet()) {
            if (!"stream-state-metrics".equals(e.getKey().group())) {
                continue;
            }
            long v = value(e.getValue());
            switch (e.getKey().name()) {
                case "block-cache-usage" -> {
                    usage = Math.max(usage, v);
                    stores++;
                }
                case "block-cache-capacity" -> capacity = Math.max(capacity, v);
                case "size-all-mem-tables" -> memtables += v;
                case "estimate-table-readers-mem" -> readers += v;
                default -> {}
            }
        }
        return new RocksDbMemory(usage, capacity, memtables, readers, stores);
    }

    private static long value(Metric m) {
        Object v = m.metricValue();
        return v instanceof Number n ? n.longValue() : 0;
    }

    String line() {
        return stores == 0
                ? "RocksDB memory: no RocksDB metrics reported"
                : "RocksDB memory (" + stores + " stores, one shared cache): block cache in use "
                        + Format.bytes(blockCacheUsage)
                        + " of " + Format.bytes(blockCacheCapacity) + " (memtables charged to it), memtables "
                        + Format.bytes(memtables) + ", table readers " + Format.bytes(tableReaders);
    }
}
