package dev.baton.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local view of one topic: one daemon thread with a consumer of its own (no group, no commits,
 * {@code read_committed}) that is assigned every partition of the topic, starts at their beginning
 * or their end, and hands each record to a callback. It is what every part of Baton that mirrors a
 * topic into memory or tails it uses, instead of a consumer loop of its own.
 *
 * <ul>
 *   <li>{@link #caughtUp()} completes once the view has read up to the end offsets the topic had
 *       when the view was positioned (at once for a view that starts at the end: it completes when
 *       the view is positioned, so that what is written afterwards is seen).
 *   <li>{@link #catchUp()} does the same for the end offsets as they are now (a caller that must see
 *       every write made so far, by anyone); {@link #awaitPosition} waits for one offset (a caller that
 *       must see its own write).
 *   <li>A callback that throws, or a record that cannot be deserialized, is logged with its topic,
 *       partition and offset and skipped: the thread goes on with the next record.
 *   <li>{@link #close(Duration)} stops the thread and closes the consumer within the deadline.
 * </ul>
 *
 * <p>The partitions are those the topic has when the view starts (it waits until the topic exists);
 * partitions added later are not picked up, as no view needs that (Baton's compacted topics have a
 * fixed partition count).
 *
 * <p>Not for a consumer that must share work in a group or commit what it did: the bridge's ingest
 * (exactly-once, offsets committed in its transaction, see ADR 0005), the event runner (group,
 * pattern subscription, commits after its commands are acknowledged), the task gateway's queues
 * (group shared with the workers, commits what was handed out), the history read (one bounded read
 * of one partition from a timestamp, on the caller's thread) and the queue-size count (one bounded
 * read of given offset ranges) keep their own consumers.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TopicView<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicView.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Duration DEFAULT_CLOSE = Duration.ofSeconds(5);

    /** What the view does with each record, on its thread. */
    @FunctionalInterface
    public interface RecordHandler<K, V> {
        void accept(ConsumerRecord<K, V> record) throws Exception;
    }

    private final String topic;
    private final boolean fromEnd;
    private final RecordHandler<K, V> onRecord;
    private final Runnable afterBatch;
    private final KafkaConsumer<K, V> consumer;
    private final Thread thread;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    private final List<Target> targets = new ArrayList<>(); // poll thread only
    private final Object positionLock = new Object();
    private final Map<TopicPartition, Long> positions = new HashMap<>(); // guarded by positionLock
    private volatile boolean running = true;

    private record Target(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {}

    private TopicView(Builder<K, V> b) {
        this.topic = b.topic;
        this.fromEnd = b.fromEnd;
        this.onRecord = b.onRecord;
        this.afterBatch = b.afterBatch;
        Map<String, Object> p = new HashMap<>(b.properties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, b.keys, b.values);
        this.thread = new Thread(this::run, b.name);
        thread.setDaemon(true);
    }

    /** A view of {@code topic}, read with a consumer made from {@code properties} (bootstrap servers, security). */
    public static <K, V> Builder<K, V> of(
            String topic, Map<String, Object> properties, Deserializer<K> keys, Deserializer<V> values) {
        return new Builder<>(topic, properties, keys, values);
    }

    public String topic() {
        return topic;
    }

    /** Completes when the view has read up to the end offsets seen when it was positioned. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** Waits for {@link #caughtUp()}; false if it did not happen within {@code timeout} (or the view closed). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return await(caughtUp, timeout);
    }

    /**
     * Completes when the view has read up to the end offsets the topic has now (asked on the view's
     * thread); completes exceptionally if the view closes first.
     */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!running) {
            f.cancel(false);
            return f;
        }
        catchUpRequests.add(f);
        consumer.wakeup();
        return f;
    }

    /** {@link #catchUp()} and wait; false if that did not happen within {@code timeout} (or the view closed). */
    public boolean awaitCatchUp(Duration timeout) throws InterruptedException {
        return await(catchUp(), timeout);
    }

    /**
     * Waits until the view's position in the partition has reached {@code offset} (the record at
     * {@code offset - 1} has been handed to the callback); false if not within {@code timeout}.
     */
    public boolean awaitPosition(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (positionLock) {
            while (positions.getOrDefault(partition, -1L) < offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !running) {
                    return false;
                }
                positionLock.wait(left);
            }
            return true;
        }
    }

    /** The position of the view in each partition (the next offset it reads); empty until it is positioned. */
    public Map<TopicPartition, Long> positions() {
        synchronized (positionLock) {
            return Map.copyOf(positions);
        }
    }

    private static boolean await(CompletableFuture<Void> f, Duration timeout) throws InterruptedException {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    // ---- the thread ---------------------------------------------------------------------

    private void run() {
        try {
            List<TopicPartition> parts = awaitPartitions();
            if (parts == null) {
                return;
            }
            consumer.assign(parts);
            if (fromEnd) {
                consumer.seekToEnd(parts);
            } else {
                consumer.seekToBeginning(parts);
            }
            Map<TopicPartition, Long> startEnds = positionAndEnds(parts);
            targets.add(new Target(startEnds, caughtUp));
            try {
                publishPositions(parts); // a view from the end, or of an empty topic, is caught up now
            } catch (KafkaException e) {
                // the loop publishes them after its first poll
            }
            while (running) {
                try {
                    takeCatchUpRequests(parts);
                    List<ConsumerRecord<K, V>> batch = new ArrayList<>();
                    consumer.poll(POLL).forEach(batch::add);
                    for (ConsumerRecord<K, V> r : batch) {
                        handle(r);
                    }
                    if (!batch.isEmpty() && afterBatch != null) {
                        afterBatch();
                    }
                    publishPositions(parts);
                } catch (WakeupException e) {
                    // a catch-up request, or closing: the loop decides
                } catch (RecordDeserializationException e) {
                    LOG.warn(
                            "Skipping an undecodable record at {}-{}@{}: {}",
                            e.topicPartition().topic(),
                            e.topicPartition().partition(),
                            e.offset(),
                            String.valueOf(e.getCause()));
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                } catch (KafkaException e) {
                    if (running) {
                        LOG.warn("Reading {} failed; trying again: {}", topic, e.toString());
                        pause(RETRY);
                    }
                }
            }
        } catch (WakeupException e) {
            // closed while positioning
        } catch (RuntimeException e) {
            LOG.error("The view of {} stopped", topic, e);
        } finally {
            running = false;
            caughtUp.cancel(false);
            targets.forEach(t -> t.done().cancel(false));
            CompletableFuture<Void> f;
            while ((f = catchUpRequests.poll()) != null) {
                f.cancel(false);
            }
            synchronized (positionLock) {
                positionLock.notifyAll();
            }
            try {
                consumer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("Closing the consumer of the view of {}: {}", topic, e.toString());
            }
        }
    }

    /** The topic's partitions, once it exists; null if the view was closed first. */
    private List<TopicPartition> awaitPartitions() {
        boolean logged = false;
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                            .toList();
                }
                if (!logged) {
                    LOG.info("Waiting for topic {} to exist", topic);
                    logged = true;
                }
            } catch (WakeupException e) {
                continue;
            } catch (KafkaException e) {
                LOG.debug("Partitions of {} not known yet: {}", topic, e.toString());
            }
            pause(Duration.ofMillis(200));
        }
        return null;
    }

    /** Resolves the positions (so a view from the end sees what is written from now on) and reads the end offsets. */
    private Map<TopicPartition, Long> positionAndEnds(List<TopicPartition> parts) {
        while (true) {
            try {
                publishPositions(parts);
                return consumer.endOffsets(parts);
            } catch (WakeupException e) {
                if (!running) {
                    throw e;
                }
            } catch (KafkaException e) {
                if (!running) {
                    throw new WakeupException();
                }
                LOG.warn("Reading the end of {} failed; trying again: {}", topic, e.toString());
                pause(RETRY);
            }
        }
    }

    private void takeCatchUpRequests(List<TopicPartition> parts) {
        if (!catchUpRequests.isEmpty()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            CompletableFuture<Void> f;
            while ((f = catchUpRequests.poll()) != null) {
                targets.add(new Target(ends, f));
            }
        }
    }

    private void handle(ConsumerRecord<K, V> r) {
        try {
            onRecord.accept(r);
        } catch (Exception e) {
            LOG.warn(
                    "Skipping the record at {}-{}@{}: its handling failed: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.toString(),
                    e);
        }
    }

    private void afterBatch() {
        try {
            afterBatch.run();
        } catch (RuntimeException e) {
            LOG.warn("The view of {} failed after a batch: {}", topic, e.toString(), e);
        }
    }

    private void publishPositions(List<TopicPartition> parts) {
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition tp : parts) {
            now.put(tp, consumer.position(tp));
        }
        synchronized (positionLock) {
            positions.putAll(now);
            positionLock.notifyAll();
        }
        targets.removeIf(t -> {
            for (var e : t.ends().entrySet()) {
                if (now.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                    return false;
                }
            }
            t.done().complete(null);
            return true;
        });
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // ---- closing --------------------------------------------------------------------------

    /** Stops the thread and closes the consumer, waiting at most {@code deadline}; true if it stopped in time. */
    public boolean close(Duration deadline) {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            return true; // from a callback: the loop ends after this batch
        }
        try {
            thread.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The view of {} did not stop within {}", topic, deadline);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE);
    }

    /** How to build a view; {@link #start()} makes it and starts its thread. */
    public static final class Builder<K, V> {
        private final String topic;
        private final Map<String, Object> properties;
        private final Deserializer<K> keys;
        private final Deserializer<V> values;
        private String name;
        private boolean fromEnd;
        private RecordHandler<K, V> onRecord;
        private Runnable afterBatch;

        private Builder(String topic, Map<String, Object> properties, Deserializer<K> keys, Deserializer<V> values) {
            this.topic = Objects.requireNonNull(topic);
            this.properties = new HashMap<>(properties); // client properties may hold nulls
            this.keys = Objects.requireNonNull(keys);
            this.values = Objects.requireNonNull(values);
            this.name = "baton-view-" + topic;
        }

        /** The thread's name (the consumer's client id is the properties' one, or one Kafka makes up). */
        public Builder<K, V> name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Starts at the end of each partition (a tail) instead of its beginning (a mirror). */
        public Builder<K, V> fromEnd() {
            this.fromEnd = true;
            return this;
        }

        /** Called for each record, in offset order per partition, on the view's thread. */
        public Builder<K, V> onRecord(RecordHandler<K, V> handler) {
            this.onRecord = Objects.requireNonNull(handler);
            return this;
        }

        /**
         * Called on the view's thread after the records of each non-empty poll were handled (before
         * the positions move on).
         */
        public Builder<K, V> afterBatch(Runnable action) {
            this.afterBatch = action;
            return this;
        }

        public TopicView<K, V> start() {
            Objects.requireNonNull(onRecord, "onRecord");
            TopicView<K, V> view = new TopicView<>(this);
            view.thread.start();
            return view;
        }
    }
}
