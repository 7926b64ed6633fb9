package dev.baton.orchestrator.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code baton.events} for the live views: one consumer per node (no group, every
 * partition, from the end, {@code read_committed}) hands each new event to the subscribers of its
 * instance. It starts with the first subscriber and stops a minute after the last one left; only
 * the events of watched instances are decoded.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class HistoryTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryTail.class);
    private static final long IDLE_STOP_MS = 60_000;

    private final KafkaConnection kafka;
    private final ProtocolCodec codec;
    private final HistorySettings settings;
    private final Map<String, Set<Consumer<ObjectNode>>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;
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
        if (thread != null && thread.isAlive()) {
            return;
        }
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties());
        try {
            List<TopicPartition> parts = c.partitionsFor(Topics.EVENTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position); // resolve the end now: what is written from here on is seen
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        consumer = c;
        thread = new Thread(() -> run(c), "baton-history-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(KafkaConsumer<byte[], byte[]> c) {
        long idleSince = -1;
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    deliver(r);
                }
                if (subscribers.isEmpty()) {
                    long now = System.currentTimeMillis();
                    idleSince = idleSince < 0 ? now : idleSince;
                    if (now - idleSince > IDLE_STOP_MS && stopIfIdle(c)) {
                        return;
                    }
                } else {
                    idleSince = -1;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("History tail stopped: {}", e.toString());
        } finally {
            c.close(Duration.ofSeconds(2));
        }
    }

    private synchronized boolean stopIfIdle(KafkaConsumer<byte[], byte[]> c) {
        if (!subscribers.isEmpty()) {
            return false;
        }
        thread = null;
        consumer = null;
        return true;
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
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "baton-history-tail");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    @PreDestroy
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
