package dev.baton.orchestrator.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node restores from changelogs (after a restart without its local state, or when it
 * takes partitions over): the store partitions being restored now, the records restored since the
 * start, and a log line for each store partition restored, with its record count and time. Kafka
 * Streams calls it on its restoring threads; its reads are safe from any thread.
 */
public final class RestoreProgress implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

    private record Key(TopicPartition partition, String store) {}

    private record Started(long nanos, long startOffset, long endOffset) {}

    private final Map<Key, Started> restoring = new ConcurrentHashMap<>();
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        restoring.put(new Key(partition, store), new Started(System.nanoTime(), startOffset, endOffset));
        remaining.addAndGet(Math.max(0, endOffset - startOffset));
        LOG.debug("Restoring {} partition {}: offsets {} to {}", store, partition.partition(), startOffset, endOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
        remaining.addAndGet(-numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Started s = restoring.remove(new Key(partition, store));
        completed.incrementAndGet();
        if (s == null) {
            return;
        }
        // offsets also count transaction markers and compacted-away records: settle the estimate
        remaining.addAndGet(-Math.max(0, (s.endOffset - s.startOffset) - totalRestored));
        if (totalRestored > 0) {
            LOG.info(
                    "Restored {} partition {}: {} records in {} ms",
                    store,
                    partition.partition(),
                    totalRestored,
                    (System.nanoTime() - s.nanos) / 1_000_000);
        }
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        Started s = restoring.remove(new Key(partition, store));
        if (s != null) {
            remaining.addAndGet(-Math.max(0, (s.endOffset - s.startOffset) - totalRestored));
        }
        LOG.info("Restoring {} partition {} suspended after {} records", store, partition.partition(), totalRestored);
    }

    /** Store partitions being restored now. */
    public int restoringNow() {
        return restoring.size();
    }

    /** Records restored since this node started, over all stores. */
    public long restoredRecords() {
        return restored.get();
    }

    /** An estimate (from changelog offsets) of the records left to restore in the store partitions being restored. */
    public long remainingRecords() {
        return Math.max(0, remaining.get());
    }

    /** Store partitions whose restoration ended since this node started. */
    public long restoredStorePartitions() {
        return completed.get();
    }
}
