package dev.baton.orchestrator.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB's memory across every store of this JVM: one shared block cache (index and
 * filter blocks included) and one write buffer manager that charges memtables to that cache.
 * Sizes come from {@code baton.rocksdb.*} through {@link #configure(long, long)} before Kafka
 * Streams starts.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long cacheBytes = 128L << 20;
    private static long writeBufferBytes = 64L << 20;
    /**
     * A store's memtable size. Each of the many small stores (a few per partition) reserves arena
     * blocks against the shared budget as soon as it holds anything; with Kafka Streams' 16 MiB
     * memtables (2 MiB blocks) a few dozen stores exhaust a small budget and RocksDB flushes
     * constantly, leaving many small L0 files that every read then checks (measured: a step took
     * 3-4x as long with a 16 MiB budget as with 256 MiB).
     */
    private static final long MEMTABLE_BYTES = 8L << 20;

    private static final long ARENA_BLOCK_BYTES = 256L << 10;

    /** Sets the shared sizes; call once, before Kafka Streams creates its stores. */
    public static synchronized void configure(long blockCacheBytes, long writeBufferManagerBytes) {
        cacheBytes = blockCacheBytes;
        writeBufferBytes = writeBufferManagerBytes;
    }

    private static synchronized void init() {
        if (cache == null) {
            cache = new LRUCache(cacheBytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(writeBufferBytes, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init();
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared: they live as long as the JVM
    }
}
