package dev.baton.orchestrator.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Instances kept in memory between their steps, shared by the stream tasks of one node and bounded
 * by their estimated heap size ({@link #heapBytes}). An entry is only a shortcut: it is used while the store holds the very header
 * it was written with, and dropped whenever a step fails or a stream task closes.
 */
public final class InstanceCache {
    private final Cache<Key, Loaded> cache;

    record Key(int partition, String workflowId) {}

    /** @param maxBytes the approximate bytes all cached instances may take together; 0 disables the cache */
    public InstanceCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((Key k, Loaded v) -> (int) Math.min(Integer.MAX_VALUE, heapBytes(v)))
                // maintenance on the writing stream thread: handing it to the common pool woke a
                // thread on every put, a quarter of a step's time on a 2-core machine (profiled)
                .executor(Runnable::run)
                .build();
    }

    /**
     * What a cached instance takes on the heap, roughly: its decoded objects (Jackson trees, task
     * objects, strings) take several times the bytes they were read from, and every instance and
     * task carries maps and fields of its own. Calibrated against measured object graphs
     * ({@code InstanceCacheFootprintTest}): counting only the stored bytes let a 128 MB cache hold
     * about 1.4 GB.
     */
    static long heapBytes(Loaded v) {
        return PER_INSTANCE + PER_TASK * (long) v.taskCount + BYTES_FACTOR * v.weight;
    }

    static final long PER_INSTANCE = 2_048;
    static final long PER_TASK = 1_024;
    static final long BYTES_FACTOR = 3;

    /** The sum of the cached instances' estimated heap bytes (after pending maintenance). */
    public long weightedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    Loaded get(int partition, String workflowId) {
        return cache.getIfPresent(new Key(partition, workflowId));
    }

    void put(int partition, String workflowId, Loaded loaded) {
        cache.put(new Key(partition, workflowId), loaded);
    }

    void invalidate(int partition, String workflowId) {
        cache.invalidate(new Key(partition, workflowId));
    }

    /** Drops every instance of a partition (its stream task closed: another may own it now). */
    void invalidate(int partition) {
        cache.asMap().keySet().removeIf(k -> k.partition() == partition);
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
