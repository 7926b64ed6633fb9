package dev.baton.orchestrator.bridge;

import dev.baton.dsl.EventSource;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DefinitionsFeed;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's view of the definitions topic on a node that runs the Kafka Streams runtime, served by
 * the runtime's definitions global store, so that the topic is read once on this node.
 *
 * <p>The store keeps each value with its record's timestamp (a binding's {@link Binding#registeredAt()}).
 * A persistent global store restored from its checkpoint does not pass the records before the
 * checkpoint through its loader again, so this view is built from the store itself once Kafka Streams
 * has restored it (global stores are restored before the stream threads run), and follows the
 * runtime's {@link DefinitionsFeed} from then on. The listener is registered first and what it hears
 * before the store has been read is kept aside (the last record per key) and applied over what was
 * read: a record applied during the read is either in it or applied after it, and applying it twice
 * gives the same state.
 *
 * <p>A write is seen once the feed's position passes its offset (the listener moves it as each record
 * is applied, so a record that is the last on the topic is seen at once). "Everything so far" is the
 * topic's end offset (read committed) reached by that position, which the global consumer's own
 * position moves past transaction markers and records the log cleaner removed.
 */
public final class StoreDefinitions implements BridgeDefinitions {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDefinitions.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.DEFINITIONS, 0);

    private final StreamsRuntime runtime;
    private final DefinitionsFeed feed;
    private final Admin admin;
    private final DefinitionEntries entries = new DefinitionEntries();
    private final DefinitionsFeed.Listener listener = this::applied;
    private final Object lock = new Object();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private volatile boolean loaded;

    private record Pending(byte[] value, long timestamp) {}

    public StoreDefinitions(StreamsRuntime runtime, Map<String, Object> clientProperties) {
        this.runtime = runtime;
        this.feed = runtime.definitionsFeed();
        this.admin = Admin.create(clientProperties);
        feed.addListener(listener);
    }

    private void applied(String key, byte[] value, long timestamp, long offset) {
        synchronized (lock) {
            if (loaded) {
                entries.apply(key, value, timestamp);
            } else {
                pending.put(key, new Pending(value, timestamp));
            }
        }
    }

    /** Reads the store into this view once Kafka Streams has restored it; false when it cannot yet. */
    private boolean load() {
        if (loaded) {
            return true;
        }
        if (!runtime.hasRun()) {
            return false;
        }
        synchronized (this) {
            if (loaded) {
                return true;
            }
            Map<String, ValueAndTimestamp<byte[]>> read = new HashMap<>();
            try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> it =
                    runtime.timestampedDefinitions().all()) {
                while (it.hasNext()) {
                    KeyValue<String, ValueAndTimestamp<byte[]>> kv = it.next();
                    if (kv.value != null) {
                        read.put(kv.key, kv.value);
                    }
                }
            } catch (InvalidStateStoreException e) {
                LOG.debug("The definitions store cannot be read yet: {}", e.getMessage());
                return false;
            }
            synchronized (lock) {
                read.forEach((key, v) -> entries.apply(key, v.value(), v.timestamp()));
                pending.forEach((key, p) -> entries.apply(key, p.value(), p.timestamp()));
                pending.clear();
                loaded = true;
            }
            LOG.info("The bridge reads the definitions from the runtime's store ({} records)", read.size());
            return true;
        }
    }

    /** Waits until this view has read the store; false after {@code timeout}. */
    private boolean awaitLoaded(long deadline) throws InterruptedException {
        while (!load()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (runtime.hasRun()) {
                Thread.sleep(Math.min(50, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } else {
                runtime.awaitRunningOnceStarted(Duration.ofNanos(left));
            }
        }
        return true;
    }

    @Override
    public void awaitCurrent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!awaitLoaded(deadline)) {
                throw new IllegalStateException("the definitions store was not ready in " + timeout);
            }
            long end = admin.listOffsets(
                            Map.of(PARTITION, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(PARTITION)
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .offset();
            if (end > 0 && !feed.awaitPosition(end, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new IllegalStateException("the definitions topic could not be read to its end in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the end of the definitions topic is not known: " + e, e);
        }
    }

    @Override
    public void awaitOffset(long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!awaitLoaded(deadline)
                    || !feed.awaitPosition(offset + 1, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new IllegalStateException(
                        "the definitions topic was not read up to offset " + offset + " in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long version() {
        load();
        return entries.version();
    }

    @Override
    public List<Binding> bindings() {
        load();
        return entries.bindings();
    }

    @Override
    public Map<String, EventSource> resources() {
        load();
        return entries.resources();
    }

    @Override
    public void close() {
        feed.removeListener(listener);
        admin.close(Duration.ofSeconds(5));
    }
}
