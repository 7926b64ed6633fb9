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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions topic's current records (value and timestamp by key), and the bindings and
 * resources they declare, computed again after a change when next asked for. Shared by both
 * {@link BridgeDefinitions}.
 */
final class DefinitionEntries {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionEntries.class);
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, List.of(), Map.of());

    private record Entry(byte[] bytes, long timestamp) {}

    private record Snapshot(long version, List<Binding> bindings, Map<String, EventSource> resources) {}

    /** Applies one record: {@code value} null deletes the key. */
    void apply(String key, byte[] value, long timestamp) {
        if (key == null) {
            return;
        }
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(value, timestamp));
        }
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }

    List<Binding> bindings() {
        return current().bindings();
    }

    Map<String, EventSource> resources() {
        return current().resources();
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
        Map<String, EventSource> resources = new TreeMap<>();
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
                WorkflowDef def = DefinitionParser.workflow(new String(e.bytes(), StandardCharsets.UTF_8));
                for (EventSource s : def.allEventSources()) {
                    bindings.add(new Binding(def.name(), s, e.timestamp()));
                }
            } catch (InvalidDefinitionException ex) {
                LOG.warn("Definition {} is invalid; its event sources are not bound: {}", key, ex.getMessage());
            }
        });
        bindings.sort(Comparator.comparing(Binding::workflowName)
                .thenComparing(b -> b.source().name()));
        return new Snapshot(v, List.copyOf(bindings), Collections.unmodifiableMap(resources));
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
}
