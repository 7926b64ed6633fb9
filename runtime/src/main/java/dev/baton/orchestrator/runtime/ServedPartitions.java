package dev.baton.orchestrator.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partitions of the instance stores this node serves authoritatively: those whose active task
 * has finished restoring and processes records. Kafka Streams initializes a task's processors only
 * once its stores are restored and closes them when the task is suspended, closed, or wiped and
 * restored again (an EOS task corrupted by a crash); the workflow processor reports both here.
 *
 * <p>An interactive query for an active partition can reach a store that is still being restored
 * (a revived task while the stream thread stays RUNNING): such a store answers "no such instance"
 * for instances it has not restored yet, so a read only counts while its partition is served here
 * with the same {@link #generation} before and after it.
 */
public final class ServedPartitions {
    private final Map<Integer, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    /** The partition's processor is initialized: its stores are restored. Returns the serving generation. */
    public long opened(int partition) {
        long generation = next.incrementAndGet();
        generations.put(partition, generation);
        return generation;
    }

    /** The processor of that generation closed (its task was suspended, closed or revived). */
    public void closed(int partition, long generation) {
        generations.remove(partition, generation);
    }

    /** The generation in which the partition is served, 0 when it is not served here (not active, or restoring). */
    public long generation(int partition) {
        return generations.getOrDefault(partition, 0L);
    }
}
