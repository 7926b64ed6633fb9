package dev.baton.orchestrator.client;

import dev.baton.kafka.TopicView;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the compacted state topic (a {@link TopicView}, read_committed) and keeps the latest
 * status of the workflows it is asked about. Used by the demo to show progress and by tests to wait for outcomes.
 *
 * <p>An id may join the watched set after its records were read: a REST start answers once the
 * workflow is visible, and a short workflow can finish before that answer arrives. So the latest
 * record of every other key is kept too (undecoded) and taken up when its id is watched; dropping
 * it would leave that workflow unfinished in the watcher's eyes for good. Values are decoded on the
 * caller's thread, which is also the only one that reads the watched set.
 */
public final class StateWatcher implements AutoCloseable {
    private final ProtocolCodec codec;
    private final Set<String> watched;
    private final Object lock = new Object();
    /** Latest snapshot decoded per watched workflow; caller's threads, under lock. */
    private final Map<String, WorkflowSnapshot> latest = new HashMap<>();
    /** Latest value read per key and not decoded yet (its id not watched yet); null values remove. Under lock. */
    private final Map<String, byte[]> pending = new HashMap<>();

    private final TopicView<String, byte[]> view;
    private long received; // under lock
    private long seen; // under lock

    /** @param watched the workflow ids to track (a live set may grow while watching) */
    public StateWatcher(Map<String, Object> clientProperties, ProtocolCodec codec, Set<String> watched) {
        this.codec = codec;
        this.watched = watched;
        this.view = TopicView.of(Topics.STATE, clientProperties, new StringDeserializer(), new ByteArrayDeserializer())
                .name("baton-state-watcher")
                .onRecord(this::read)
                .start();
    }

    private void read(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        synchronized (lock) {
            if (r.value() != null) {
                pending.put(r.key(), r.value());
            } else {
                pending.remove(r.key());
            }
            received++;
            lock.notifyAll();
        }
    }

    /**
     * Waits up to {@code timeout} for records to arrive (returning as soon as some did) and returns
     * the count per status of the watched workflows.
     */
    public Map<WorkflowStatus, Integer> poll(Duration timeout) {
        synchronized (lock) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received == seen) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            seen = received;
            takeUpWatched();
            Map<WorkflowStatus, Integer> counts = new EnumMap<>(WorkflowStatus.class);
            for (WorkflowSnapshot s : latest.values()) {
                counts.merge(s.getStatus(), 1, Integer::sum);
            }
            return counts;
        }
    }

    /** Values read for watched ids (also ids watched only now) become their latest snapshot. Under lock. */
    private void takeUpWatched() {
        if (pending.isEmpty()) {
            return;
        }
        if (watched.size() < pending.size()) {
            for (String id : watched) {
                byte[] value = pending.remove(id);
                if (value != null) {
                    latest.put(id, codec.decodeSnapshot(value));
                }
            }
            return;
        }
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, byte[]> e = it.next();
            if (watched.contains(e.getKey())) {
                latest.put(e.getKey(), codec.decodeSnapshot(e.getValue()));
                it.remove();
            }
        }
    }

    /** The latest snapshot seen per watched workflow. */
    public Map<String, WorkflowSnapshot> snapshots() {
        synchronized (lock) {
            takeUpWatched();
            return Map.copyOf(latest);
        }
    }

    /** How many watched workflows have reached a terminal status. */
    public int finished() {
        synchronized (lock) {
            takeUpWatched();
            return (int) latest.values().stream()
                    .filter(s -> s.getStatus() != WorkflowStatus.RUNNING && s.getStatus() != WorkflowStatus.PAUSED)
                    .count();
        }
    }

    @Override
    public void close() {
        view.close(Duration.ofSeconds(5));
    }
}
