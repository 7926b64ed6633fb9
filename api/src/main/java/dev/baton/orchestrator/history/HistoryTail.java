package dev.baton.orchestrator.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.kafka.TopicView;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowEvent;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code baton.events} for the live views: one {@link TopicView} per node (no group, every
 * partition, from the end, {@code read_committed}) hands each new event to the subscribers of its
 * instance. It starts with the first subscriber and stops with the first batch read more than a
 * minute after the last one left; only the events of watched instances are decoded.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class HistoryTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryTail.class);
    private static final long IDLE_STOP_MS = 60_000;
    private static final Duration POSITIONED = Duration.ofSeconds(10);

    private final KafkaConnection kafka;
    private final ProtocolCodec codec;
    private final HistorySettings settings;
    private final Map<String, Set<Consumer<ObjectNode>>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private TopicView<byte[], byte[]> view; // guarded by this
    private volatile long idleSince = -1;
    private volatile boolean closed;

    public HistoryTail(KafkaConnection kafka, ProtocolCodec codec, HistorySettings settings) {
        this.kafka = kafka;
        this.codec = codec;
        this.settings = settings;
        kafka.closeBeforeMe(this);
    }

    /** A subscription to the events of one instance; close it to stop receiving. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Subscribes to the new events of an instance, from now on (the tail is positioned when this
     * returns); null when the node already serves {@code baton.history.max-streams} streams.
     */
    public Subscription subscribe(String workflowId, Consumer<ObjectNode> listener) {
        if (count.incrementAndGet() > settings.getMaxStreams()) {
            count.decrementAndGet();
            return null;
        }
        subscribers
                .computeIfAbsent(workflowId, k -> ConcurrentHashMap.newKeySet())
                .add(listener);
        try {
            ensureRunning();
        } catch (RuntimeException e) {
            remove(workflowId, listener);
            throw e;
        }
        return () -> remove(workflowId, listener);
    }

    /** How many subscriptions are open. */
    public int subscriptions() {
        return count.get();
    }

    private void remove(String workflowId, Consumer<ObjectNode> listener) {
        subscribers.computeIfPresent(workflowId, (k, set) -> {
            if (set.remove(listener)) {
                count.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    private synchronized void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("the history tail is closed");
        }
        if (view != null) {
            return;
        }
        AtomicReference<TopicView<byte[], byte[]>> self = new AtomicReference<>();
        TopicView<byte[], byte[]> v = TopicView.of(
                        Topics.EVENTS, consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .name("baton-history-tail")
                .fromEnd()
                .onRecord(this::deliver)
                .afterBatch(() -> stopIfIdle(self.get()))
                .start();
        self.set(v);
        boolean positioned;
        try {
            positioned = v.awaitCaughtUp(POSITIONED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            positioned = false;
        }
        if (!positioned) {
            v.close(Duration.ofSeconds(2));
            throw new IllegalStateException(
                    Topics.EVENTS + " could not be read (not positioned within " + POSITIONED + ")");
        }
        idleSince = -1;
        view = v;
    }

    /** On the view's thread: stops the view once no one has subscribed for a while. */
    private void stopIfIdle(TopicView<byte[], byte[]> v) {
        if (!subscribers.isEmpty()) {
            idleSince = -1;
            return;
        }
        long now = System.currentTimeMillis();
        if (idleSince < 0) {
            idleSince = now;
            return;
        }
        if (now - idleSince <= IDLE_STOP_MS) {
            return;
        }
        synchronized (this) {
            if (subscribers.isEmpty() && view == v) {
                view = null;
                v.close(); // from its own thread: it stops after this batch
            }
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return;
        }
        Set<Consumer<ObjectNode>> listeners = subscribers.get(new String(r.key(), StandardCharsets.UTF_8));
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        ObjectNode event;
        try {
            WorkflowEvent e = codec.decodeEvent(r.value());
            event = HistoryEvents.toJson(e);
        } catch (RuntimeException e) {
            LOG.warn("Undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return;
        }
        for (Consumer<ObjectNode> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.debug("A history listener failed: {}", e.toString());
            }
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-history-tail");
        return props;
    }

    @PreDestroy
    @Override
    public void close() {
        TopicView<byte[], byte[]> v;
        synchronized (this) {
            closed = true;
            v = view;
            view = null;
        }
        if (v != null) {
            v.close(Duration.ofSeconds(5));
        }
    }
}
