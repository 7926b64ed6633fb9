package dev.baton.orchestrator.events;

import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.TopicManager;
import dev.baton.orchestrator.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event handlers, kept in the compacted topic {@code baton.event-handlers} (key = handler
 * name, value = the handler's JSON, a tombstone deletes it). Every node reads the whole topic
 * into memory and follows it. Writes wait until this node has read them back, so a client sees
 * its own writes at once; {@link #sync()} catches up with everyone else's writes.
 */
public final class EventHandlerStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHandlerStore.class);

    /**
     * A handler as stored, and since when it has been active for its event (the timestamp of the
     * record that made it so): a runner that first reads a topic for it starts from there.
     */
    public record Stored(EventHandler handler, long since) {}

    /** What the store holds at one moment; replaced whole on every change. */
    private record Snapshot(
            long version, List<Stored> all, Map<String, List<Stored>> activeByEvent, String topicRegex) {
        static final Snapshot EMPTY = new Snapshot(0, List.of(), Map.of(), null);
    }

    /** The store did not answer in time (Kafka unreachable, or the topic not readable yet). */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TopicManager topics;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration writeTimeout;
    private final Map<String, Stored> handlers = new HashMap<>(); // reader thread only
    private final Map<TopicPartition, Long> positions = new HashMap<>(); // guarded by lock
    private final Object lock = new Object();
    private final Thread reader;
    private volatile List<TopicPartition> partitions;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean running = true;

    public EventHandlerStore(Map<String, Object> clientProperties, BatonConfig config, Duration writeTimeout) {
        this.topics = new TopicManager(clientProperties, config);
        topics.createEventTopics();
        this.writeTimeout = writeTimeout;
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(clientProperties);
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "baton-event-handlers-reader");
        reader.setDaemon(true);
        reader.start();
    }

    // ---- reading ------------------------------------------------------------------------

    private void read() {
        try {
            List<TopicPartition> parts = awaitPartitions();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            this.partitions = parts;
            while (running) {
                try {
                    boolean changed = false;
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        changed |= apply(r);
                    }
                    Map<TopicPartition, Long> now = new HashMap<>();
                    for (TopicPartition tp : parts) {
                        now.put(tp, consumer.position(tp));
                    }
                    if (changed) {
                        snapshot = snapshotOf(snapshot.version() + 1);
                    }
                    synchronized (lock) {
                        positions.putAll(now);
                        lock.notifyAll();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (org.apache.kafka.common.KafkaException e) {
                    LOG.warn("Reading {} failed, trying again: {}", Topics.EVENT_HANDLERS, e.toString());
                    sleep(500);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Event handler reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Event handler reader stopped", e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.EVENT_HANDLERS);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
            }
            sleep(200);
        }
        throw new WakeupException();
    }

    /** Applies one record; returns whether anything changed. */
    private boolean apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return false;
        }
        if (r.value() == null) {
            return handlers.remove(r.key()) != null;
        }
        EventHandler h;
        try {
            h = EventHandlerJson.fromBytes(r.value());
        } catch (IOException e) {
            LOG.warn(
                    "Ignoring unreadable event handler {} at {}-{}@{}: {}",
                    r.key(),
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
            return false;
        }
        Stored prev = handlers.get(r.key());
        boolean stillActive = prev != null
                && prev.handler().active()
                && h.active()
                && prev.handler().event().equals(h.event());
        handlers.put(r.key(), new Stored(h, stillActive ? prev.since() : r.timestamp()));
        return true;
    }

    private Snapshot snapshotOf(long version) {
        List<Stored> all = handlers.values().stream()
                .sorted(Comparator.comparing((Stored s) -> s.handler().name()))
                .toList();
        Map<String, List<Stored>> byEvent = new LinkedHashMap<>();
        TreeMap<String, Boolean> regexes = new TreeMap<>();
        for (Stored s : all) {
            if (s.handler().active()) {
                byEvent.computeIfAbsent(s.handler().event(), k -> new ArrayList<>())
                        .add(s);
                regexes.put(EventNames.topicRegex(s.handler().event()), true);
            }
        }
        byEvent.replaceAll((k, v) -> List.copyOf(v));
        return new Snapshot(
                version, all, Map.copyOf(byEvent), regexes.isEmpty() ? null : String.join("|", regexes.keySet()));
    }

    // ---- queries ------------------------------------------------------------------------

    /** Every handler, by name. */
    public List<EventHandler> all() {
        return snapshot.all().stream().map(Stored::handler).toList();
    }

    public Optional<EventHandler> get(String name) {
        return snapshot.all().stream()
                .map(Stored::handler)
                .filter(h -> h.name().equals(name))
                .findFirst();
    }

    /** The active handlers listening to any of these event names, by name. */
    public List<Stored> activeFor(Set<String> eventNames) {
        Map<String, List<Stored>> byEvent = snapshot.activeByEvent();
        List<Stored> out = new ArrayList<>();
        for (String name : eventNames) {
            out.addAll(byEvent.getOrDefault(name, List.of()));
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparing((Stored s) -> s.handler().name()));
        }
        return out;
    }

    /** The topics the active handlers listen to, as one regular expression; null when there is none. */
    public String topicRegex() {
        return snapshot.topicRegex();
    }

    /** Since when a topic has been listened to: the earliest {@link Stored#since()} of the active handlers reading it. */
    public Optional<Long> listenedSince(String topic) {
        return snapshot.activeByEvent().values().stream()
                .flatMap(List::stream)
                .filter(s -> Pattern.matches(EventNames.topicRegex(s.handler().event()), topic))
                .map(Stored::since)
                .min(Long::compare);
    }

    /** Changes on every change of the handlers. */
    public long version() {
        return snapshot.version();
    }

    // ---- writes -------------------------------------------------------------------------

    /** Stores a handler (new or replacing one of the same name) and waits until this node sees it. */
    public void put(EventHandler handler) {
        write(handler.name(), EventHandlerJson.toBytes(handler));
    }

    /** Deletes a handler (a tombstone) and waits until this node sees it. */
    public void delete(String name) {
        write(name, null);
    }

    private void write(String key, byte[] value) {
        try {
            RecordMetadata md = producer.send(new ProducerRecord<>(Topics.EVENT_HANDLERS, key, value))
                    .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitPosition(new TopicPartition(md.topic(), md.partition()), md.offset() + 1);
        } catch (ExecutionException e) {
            throw new UnavailableException(
                    "cannot write to " + Topics.EVENT_HANDLERS + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new UnavailableException("writing to " + Topics.EVENT_HANDLERS + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }

    /** Creates a topic a handler listens to, if it does not exist (with Baton's partitions and replication). */
    public void ensureTopic(String topic) {
        topics.createServiceTopics(List.of(topic));
    }

    /** Waits until this node has read every handler written so far, by any node. */
    public void sync() {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        List<TopicPartition> parts = partitions;
        while (parts == null) {
            if (System.nanoTime() > deadline) {
                throw new UnavailableException(Topics.EVENT_HANDLERS + " is not readable yet", null);
            }
            sleep(20);
            parts = partitions;
        }
        try {
            ListOffsetsResult result =
                    admin.listOffsets(parts.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    result.all().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            for (var e : ends.entrySet()) {
                awaitPosition(e.getKey(), e.getValue().offset());
            }
        } catch (ExecutionException e) {
            throw new UnavailableException(
                    "cannot read the end of " + Topics.EVENT_HANDLERS + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new UnavailableException("reading the end of " + Topics.EVENT_HANDLERS + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }

    private void awaitPosition(TopicPartition tp, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        synchronized (lock) {
            while (positions.getOrDefault(tp, -1L) < offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new UnavailableException(
                            "this node has not read " + tp + " up to offset " + offset + " within "
                                    + writeTimeout.toMillis() + " ms",
                            null);
                }
                lock.wait(left);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
        topics.close();
    }
}
