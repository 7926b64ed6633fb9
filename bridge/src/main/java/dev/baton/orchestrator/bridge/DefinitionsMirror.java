package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.dsl.DefinitionKeys;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.DefinitionValidator;
import dev.baton.dsl.EventSource;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.ValidationError;
import dev.baton.dsl.WorkflowDef;
import dev.baton.kafka.TopicView;
import dev.baton.orchestrator.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's copy of the definitions topic, read from its beginning by a {@link TopicView} and
 * kept current: the bindings (every event source of the latest version of each workflow, and the
 * stand-alone event-source resources) and the resources themselves. Callers that need to see a
 * write (the API after storing a resource) wait for the offset they wrote.
 *
 * <p>On a node that runs the runtime, Kafka Streams reads the same topic into its definitions
 * global store, so the topic is read twice there. The bridge does not read that store instead,
 * because the store cannot give it what it needs: the record timestamps (a binding's
 * {@link Binding#registeredAt()}, where a newly bound topic starts; the store keeps values only, and
 * a persistent global store restored from its checkpoint does not pass the older records through
 * its processor again), and a reliable "read up to the end" (the global consumer's position is not
 * exposed; the offset of the last record applied never reaches the end offset when the log ends in a
 * transaction marker or a cleaned tombstone). The event-source API also runs on nodes without the
 * runtime, where there is no global store. Sharing one read would need a timestamped (or in-memory)
 * global store, a listener in its loader and the global consumer's position; that changes the
 * engine's topology and is left for a change of its own.
 */
public final class DefinitionsMirror implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsMirror.class);
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final TopicPartition partition = new TopicPartition(Topics.DEFINITIONS, 0);
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final TopicView<String, byte[]> view;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of(), Map.of());

    private record Entry(byte[] bytes, long timestamp) {}

    private record Snapshot(long version, List<Binding> bindings, Map<String, EventSource> resources) {}

    public DefinitionsMirror(Map<String, Object> clientProperties) {
        this.view = TopicView.of(
                        Topics.DEFINITIONS, clientProperties, new StringDeserializer(), new ByteArrayDeserializer())
                .name("baton-bridge-definitions")
                .onRecord(this::apply)
                .start();
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            entries.remove(r.key());
        } else {
            entries.put(r.key(), new Entry(r.value(), r.timestamp()));
        }
        version.incrementAndGet();
    }

    /** Waits until everything on the definitions topic so far has been read. */
    public void awaitCurrent(Duration timeout) {
        try {
            if (!view.awaitCatchUp(timeout)) {
                throw new IllegalStateException("the definitions topic could not be read to its end in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the record written at {@code offset} has been read. */
    public void awaitOffset(long offset, Duration timeout) {
        try {
            if (!view.awaitPosition(partition, offset + 1, timeout)) {
                throw new IllegalStateException(
                        "the definitions topic was not read up to offset " + offset + " in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Changes whenever a definition or resource is written or deleted. */
    public long version() {
        return version.get();
    }

    /** Every binding now in force. */
    public List<Binding> bindings() {
        return current().bindings();
    }

    /** The stand-alone event-source resources, by name. */
    public Map<String, EventSource> resources() {
        return current().resources();
    }

    public Optional<EventSource> resource(String name) {
        return Optional.ofNullable(current().resources().get(name));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long v = version.get();
        if (s.version() == v) {
            return s;
        }
        synchronized (this) {
            if (snapshot.version() != v) {
                snapshot = compute(v);
            }
            return snapshot;
        }
    }

    private Snapshot compute(long v) {
        Map<String, Integer> latest = new HashMap<>();
        Map<String, EventSource> resources = new java.util.TreeMap<>();
        List<Binding> bindings = new ArrayList<>();
        Map<String, Entry> copy = new HashMap<>(entries);
        copy.forEach((key, e) -> {
            if (key.startsWith(DefinitionKeys.WORKFLOW_PREFIX)) {
                int split = key.lastIndexOf(':');
                try {
                    String name = key.substring(DefinitionKeys.WORKFLOW_PREFIX.length(), split);
                    latest.merge(name, Integer.parseInt(key.substring(split + 1)), Math::max);
                } catch (RuntimeException ignored) {
                    // a malformed key: not a definition the engine would run either
                }
            } else if (key.startsWith(EventSourceKeys.PREFIX)) {
                EventSource s = parseSource(key, e.bytes());
                if (s != null) {
                    resources.put(s.name(), s);
                    bindings.add(new Binding(s.workflowName(), s, e.timestamp()));
                }
            }
        });
        latest.forEach((name, version) -> {
            String key = DefinitionKeys.workflow(name, version);
            Entry e = copy.get(key);
            try {
                WorkflowDef def =
                        DefinitionParser.workflow(new String(e.bytes(), java.nio.charset.StandardCharsets.UTF_8));
                for (EventSource s : def.allEventSources()) {
                    bindings.add(new Binding(def.name(), s, e.timestamp()));
                }
            } catch (InvalidDefinitionException ex) {
                LOG.warn("Definition {} is invalid; its event sources are not bound: {}", key, ex.getMessage());
            }
        });
        bindings.sort(Comparator.comparing(Binding::workflowName)
                .thenComparing(b -> b.source().name()));
        return new Snapshot(v, List.copyOf(bindings), java.util.Collections.unmodifiableMap(resources));
    }

    private static EventSource parseSource(String key, byte[] bytes) {
        try {
            EventSource s = JSON.readValue(bytes, EventSource.class);
            List<ValidationError> errors = DefinitionValidator.validate(s);
            if (!errors.isEmpty()) {
                LOG.warn("Event source {} is invalid and is not bound: {}", key, errors);
                return null;
            }
            return s;
        } catch (IOException e) {
            LOG.warn("Event source {} is not valid JSON and is not bound: {}", key, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        view.close(Duration.ofSeconds(10));
    }
}
