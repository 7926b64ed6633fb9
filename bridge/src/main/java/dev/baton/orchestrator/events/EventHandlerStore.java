package dev.baton.orchestrator.events;

import dev.baton.kafka.TopicView;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event handlers, kept in the compacted topic {@code baton.event-handlers} (key = handler
 * name, value = the handler's JSON, a tombstone deletes it). Every node reads the whole topic
 * into memory and follows it (a {@link TopicView}). Writes wait until this node has read them
 * back, so a client sees its own writes at once; {@link #sync()} catches up with everyone else's
 * writes.
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
    private final Duration writeTimeout;
    private final Map<String, Stored> handlers = new HashMap<>(); // view thread only
    private final TopicView<String, byte[]> view;
    private boolean changed; // view thread only
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean closed;

    public EventHandlerStore(Map<String, Object> clientProperties, BatonConfig config, Duration writeTimeout) {
        this.topics = new TopicManager(clientProperties, config);
        topics.createEventTopics();
        this.writeTimeout = writeTimeout;
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.view = TopicView.of(
                        Topics.EVENT_HANDLERS, clientProperties, new StringDeserializer(), new ByteArrayDeserializer())
                .name("baton-event-handlers-reader")
                .onRecord(r -> changed |= apply(r))
                .afterBatch(() -> {
                    if (changed) {
                        snapshot = snapshotOf(snapshot.version() + 1);
                        changed = false;
                    }
                })
                .start();
    }

    // ---- reading ------------------------------------------------------------------------

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
        try {
            if (!view.awaitCatchUp(writeTimeout)) {
                throw new UnavailableException(
                        "this node has not read " + Topics.EVENT_HANDLERS + " up to its end within "
                                + writeTimeout.toMillis() + " ms",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }

    private void awaitPosition(TopicPartition tp, long offset) throws InterruptedException {
        if (!view.awaitPosition(tp, offset, writeTimeout)) {
            throw new UnavailableException(
                    "this node has not read " + tp + " up to offset " + offset + " within " + writeTimeout.toMillis()
                            + " ms",
                    null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        view.close(Duration.ofSeconds(10));
        producer.close(Duration.ofSeconds(5));
        topics.close();
    }
}
