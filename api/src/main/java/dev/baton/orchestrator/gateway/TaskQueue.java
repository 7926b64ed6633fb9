package dev.baton.orchestrator.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one task type: a consumer of the type's command topic, in the same group as the
 * type's Kafka workers, that reads a bounded number of commands ahead and hands them out to polls.
 * A command taken by a poll is in flight until the poll {@link #confirm confirms} it (the engine
 * has been told, durably, that a worker took it); offsets are committed up to the first command
 * still in flight. So a command is never committed before the engine can time it out, and a
 * command lost with its node is read again by another member (at-least-once; the engine applies
 * one final reply per attempt). When the group takes a partition away, the commands read from it
 * and not handed out are dropped (its next owner reads them), and what was confirmed is committed first.
 *
 * <p>One thread owns the consumer. Polling threads only touch the buffer, under a lock.
 */
final class TaskQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The longest a poll waits for a new queue to read what its topic already held: the first poll of a type starts
     * its queue, and gets the tasks waiting for it, as in Conductor, rather than nothing.
     */
    private static final long STARTUP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String taskType;
    private final String topic;
    private final int capacity;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    /** Commands read and not handed out yet, in the order read (offset order per partition). */
    private final ArrayDeque<CommandRecord> buffer = new ArrayDeque<>();
    /** Commands offered again (after an IN_PROGRESS update), by due time. */
    private final PriorityQueue<Delayed> delayed = new PriorityQueue<>(Comparator.comparingLong(Delayed::due));
    /** Per partition: offsets taken by a poll and not confirmed yet. */
    private final Map<TopicPartition, TreeSet<Long>> inFlight = new HashMap<>();
    /** Per partition: one past the highest offset confirmed. */
    private final Map<TopicPartition, Long> confirmedUpTo = new HashMap<>();

    private int waiting;
    private volatile boolean closed;
    private volatile long lastUsed = System.currentTimeMillis();
    private final long startedAt = System.nanoTime();
    /** Whether the queue has read up to where its partitions ended when they were assigned. */
    private volatile boolean caughtUp;
    /** Consumer thread only: the end offsets of the partitions when they were assigned. */
    private final Map<TopicPartition, Long> endsAtAssignment = new HashMap<>();

    private boolean assigned;

    /** Consumer thread only: offsets asked to be committed, and confirmed. */
    private final Map<TopicPartition, Long> requested = new HashMap<>();

    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A command offered again; {@code inFlight}: taken before and not confirmed (its offset is not committed). */
    private record Delayed(long due, CommandRecord command, boolean inFlight) {}

    TaskQueue(String taskType, String topic, int capacity, Map<String, Object> consumerConfig) {
        this.taskType = taskType;
        this.topic = topic;
        this.capacity = capacity;
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic), new Rebalance());
        this.thread = new Thread(this::run, "baton-gateway-" + taskType);
        thread.setDaemon(true);
        thread.start();
    }

    String taskType() {
        return taskType;
    }

    String topic() {
        return topic;
    }

    /**
     * Takes up to {@code max} commands, waiting up to {@code waitMs} for the first one. They stay
     * in flight (uncommitted) until {@link #confirm confirmed}, or {@link #retry offered again}.
     */
    List<CommandRecord> take(int max, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMs));
        lock.lockInterruptibly();
        try {
            lastUsed = System.currentTimeMillis();
            waiting++;
            try {
                while (!closed && available() == 0) {
                    long left = (caughtUp ? deadline : Math.max(deadline, startedAt + STARTUP_WAIT_NANOS))
                            - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Delayed next = delayed.peek();
                    if (next != null) {
                        left = Math.min(
                                left,
                                TimeUnit.MILLISECONDS.toNanos(Math.max(1, next.due() - System.currentTimeMillis())));
                    }
                    ready.awaitNanos(left);
                }
            } finally {
                waiting--;
            }
            List<CommandRecord> out = new ArrayList<>();
            long now = System.currentTimeMillis();
            while (out.size() < max && !delayed.isEmpty() && delayed.peek().due() <= now) {
                out.add(delayed.poll().command());
            }
            while (out.size() < max && !buffer.isEmpty()) {
                CommandRecord c = buffer.poll();
                inFlight.computeIfAbsent(c.partition(), tp -> new TreeSet<>()).add(c.offset());
                out.add(c);
            }
            lastUsed = System.currentTimeMillis();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The commands taken were handed out for good: their offsets may be committed. */
    void confirm(List<CommandRecord> commands) {
        lock.lock();
        try {
            for (CommandRecord c : commands) {
                TreeSet<Long> taken = c.hasOffset() ? inFlight.get(c.partition()) : null;
                if (taken != null && taken.remove(c.offset())) {
                    confirmedUpTo.merge(c.partition(), c.offset() + 1, Math::max);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The commands taken could not be handed out: offer them again at once (they stay uncommitted). */
    void retry(List<CommandRecord> commands) {
        lock.lock();
        try {
            long now = System.currentTimeMillis();
            commands.forEach(c -> delayed.add(new Delayed(now, c, true)));
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers a confirmed command again after {@code delayMs} (Conductor's callbackAfterSeconds of
     * an IN_PROGRESS task); it is not read from Kafka again, so it lives only on this node.
     */
    void reoffer(CommandRecord command, long delayMs) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            delayed.add(new Delayed(System.currentTimeMillis() + Math.max(0, delayMs), command, false));
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the commands of these tasks that wait out a callback delay due now (Conductor's reset of
     * callbacks); returns how many there were.
     */
    int releaseNow(Set<String> taskIds) {
        lock.lock();
        try {
            List<Delayed> held = delayed.stream()
                    .filter(d -> taskIds.contains(d.command().taskId()))
                    .toList();
            long now = System.currentTimeMillis();
            for (Delayed d : held) {
                delayed.remove(d);
                delayed.add(new Delayed(now, d.command(), d.inFlight()));
            }
            if (!held.isEmpty()) {
                ready.signalAll();
            }
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    private int available() {
        Delayed next = delayed.peek();
        return buffer.size() + (next != null && next.due() <= System.currentTimeMillis() ? 1 : 0);
    }

    /** True when no one waits on this queue and it was last polled more than {@code idleMs} ago. */
    boolean idle(long idleMs) {
        lock.lock();
        try {
            return waiting == 0 && System.currentTimeMillis() - lastUsed > idleMs;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Commands read ahead and not handed out (for tests and metrics). */
    int buffered() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (!closed) {
                flowControl();
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    lock.lock();
                    try {
                        for (ConsumerRecord<String, byte[]> r : records) {
                            buffer.add(CommandRecord.of(taskType, r));
                        }
                        ready.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
                commitHandedOut(false);
                if (!caughtUp) {
                    checkCaughtUp();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Task gateway consumer of {} stopped", topic, e);
        } finally {
            lock.lock();
            try {
                closed = true;
                buffer.clear();
                delayed.clear();
                ready.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                commitHandedOut(true);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not commit the commands of {} handed out last; they may be handed out again: {}",
                        topic,
                        e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Consumer thread: whether the queue has read up to the ends its partitions had when assigned. */
    private void checkCaughtUp() {
        if (!assigned) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : endsAtAssignment.entrySet()) {
            try {
                if (consumer.position(e.getKey(), Duration.ZERO) < e.getValue()) {
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException notYet) {
                return;
            }
        }
        caughtUp = true;
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reads no further while the buffer is full (the consumer keeps polling, so it stays in the group). */
    private void flowControl() {
        boolean full;
        lock.lock();
        try {
            full = buffer.size() >= capacity;
        } finally {
            lock.unlock();
        }
        if (full) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Per partition, the offset to commit: up to the first command in flight, else past the last confirmed. Under lock. */
    private Long commitPoint(TopicPartition tp) {
        Long confirmed = confirmedUpTo.get(tp);
        TreeSet<Long> taken = inFlight.get(tp);
        if (confirmed == null || taken == null || taken.isEmpty()) {
            return confirmed;
        }
        return Math.min(confirmed, taken.first());
    }

    private void commitHandedOut(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lock.lock();
        try {
            for (TopicPartition tp : confirmedUpTo.keySet()) {
                Long next = commitPoint(tp);
                if (next != null && !next.equals(requested.get(tp)) && next > committed.getOrDefault(tp, -1L)) {
                    offsets.put(tp, new OffsetAndMetadata(next));
                }
            }
        } finally {
            lock.unlock();
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.forEach((tp, o) -> requested.put(tp, o.offset()));
        if (sync) {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
            return;
        }
        consumer.commitAsync(offsets, (done, e) -> {
            if (e == null) {
                done.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
            } else {
                LOG.debug("Offset commit for {} failed, will retry: {}", topic, e.toString());
                done.keySet().forEach(tp -> {
                    Long c = committed.get(tp);
                    if (c == null) {
                        requested.remove(tp);
                    } else {
                        requested.put(tp, c);
                    }
                });
            }
        });
    }

    /** Stops reading, commits what was handed out and leaves the group. Waiting polls return empty. */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the consumer thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> last = release(partitions);
            if (!last.isEmpty()) {
                try {
                    consumer.commitSync(last, COMMIT_TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Could not commit the commands of {} handed out before a rebalance; they may be handed out again: {}",
                            topic,
                            e.toString());
                }
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
            forget(partitions);
            LOG.warn(
                    "Task gateway of {} lost partitions {}; commands handed out from them may be handed out again",
                    taskType,
                    partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debug("Task gateway of {} assigned {}", taskType, partitions);
            if (!caughtUp) {
                try {
                    endsAtAssignment.putAll(consumer.endOffsets(partitions, COMMIT_TIMEOUT));
                    assigned = true;
                } catch (RuntimeException e) {
                    caughtUp = true; // cannot tell: polls stop waiting for the start-up
                }
            }
        }

        /**
         * Drops what was read from the partitions and not handed out for good (the next owner reads
         * it again); returns the offsets still to commit.
         */
        private Map<TopicPartition, OffsetAndMetadata> release(Collection<TopicPartition> partitions) {
            Set<TopicPartition> gone = Set.copyOf(partitions);
            Map<TopicPartition, OffsetAndMetadata> last = new HashMap<>();
            lock.lock();
            try {
                buffer.removeIf(c -> gone.contains(c.partition()));
                delayed.removeIf(d -> d.inFlight() && gone.contains(d.command().partition()));
                for (TopicPartition tp : gone) {
                    Long next = commitPoint(tp);
                    if (next != null && next > committed.getOrDefault(tp, -1L)) {
                        last.put(tp, new OffsetAndMetadata(next));
                    }
                    inFlight.remove(tp);
                    confirmedUpTo.remove(tp);
                }
            } finally {
                lock.unlock();
            }
            return last;
        }

        private void forget(Collection<TopicPartition> partitions) {
            endsAtAssignment.keySet().removeAll(partitions);
            partitions.forEach(tp -> {
                requested.remove(tp);
                committed.remove(tp);
            });
        }
    }
}
