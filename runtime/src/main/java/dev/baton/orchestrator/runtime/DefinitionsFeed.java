package dev.baton.orchestrator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the definitions global store applies, as it applies it: every record of the definitions
 * topic the {@link DefinitionLoader} puts into the store (or deletes from it) is passed on to the
 * listeners, with its timestamp and offset, on Kafka Streams' global thread. It also knows how far
 * the global consumer has read the topic: the offset after the last record applied, or the global
 * consumer's position once the records it returned are applied (which moves past transaction
 * markers and records the log cleaner removed, where no record reaches the listeners).
 *
 * <p>A persistent global store restored from its checkpoint does not pass the records before the
 * checkpoint through its loader again: a reader builds its first view from the store itself, once
 * Kafka Streams has restored it, and follows the listener from then on (registering it first, so
 * that no update is lost between the two).
 */
public final class DefinitionsFeed {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsFeed.class);

    /** Receives every record applied to the definitions store, in the order of the topic. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param key the record's key
         * @param value its value; null for a tombstone (the key was deleted)
         * @param timestamp the record's timestamp
         * @param offset its offset on the definitions topic
         */
        void applied(String key, byte[] value, long timestamp, long offset);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private long position = -1;
    private final AtomicLong generation = new AtomicLong();

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Called by the loader once it has applied a record to the store. */
    void applied(String key, byte[] value, long timestamp, long offset) {
        generation.incrementAndGet();
        for (Listener l : listeners) {
            try {
                l.applied(key, value, timestamp, offset);
            } catch (RuntimeException e) {
                LOG.error("A listener of the definitions store failed on {} at offset {}", key, offset, e);
            }
        }
        advance(offset + 1);
    }

    /** Called when every record before {@code position} has been applied (the global consumer's position). */
    void advance(long position) {
        synchronized (lock) {
            if (position > this.position) {
                generation.incrementAndGet(); // records a restoration put in the store without the loader, say
                this.position = position;
                lock.notifyAll();
            }
        }
    }

    /**
     * A number that changes after every change the store may have seen (a record applied, or the position moved):
     * what was read from the store at one generation still holds while the generation is the same.
     */
    public long generation() {
        return generation.get();
    }

    /** The offset of the next record to apply; -1 while nothing is known yet. */
    public long position() {
        synchronized (lock) {
            return position;
        }
    }

    /**
     * Waits until every record before {@code position} has been applied to the store (and passed to
     * the listeners).
     *
     * @return whether it was within {@code timeout}
     */
    public boolean awaitPosition(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (this.position < position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
