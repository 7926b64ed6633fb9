package dev.baton.orchestrator.runtime;

import dev.baton.dsl.DefinitionKeys;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.Definitions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of the definitions global store (fed by the compacted definitions topic).
 * Parsed definitions are cached by their bytes, so an update on the topic is seen at once. The
 * processors' view also knows the store's {@link DefinitionsFeed#generation generation}: while it is
 * unchanged, a lookup answers from the cache without reading the store (a step looks definitions up
 * several times).
 */
public final class DefinitionsView implements Definitions {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsView.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Function<String, byte[]> get;
    private final Function<String, KeyValueIterator<String, ?>> prefixScan;
    private final LongSupplier generation;
    private final Map<String, Parsed<?>> cache = new ConcurrentHashMap<>();
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();

    /** Over the store's values (an interactive query of the store with {@code keyValueStore()}). */
    public DefinitionsView(ReadOnlyKeyValueStore<String, byte[]> store) {
        this(store::get, prefix -> store.prefixScan(prefix, KEYS), () -> UNKNOWN);
    }

    private DefinitionsView(
            Function<String, byte[]> get,
            Function<String, KeyValueIterator<String, ?>> prefixScan,
            LongSupplier generation) {
        this.get = get;
        this.prefixScan = prefixScan;
        this.generation = generation;
    }

    /**
     * Over the store itself, whose values carry their records' timestamps (the processors' view of it); {@code
     * generation}: the feed's {@link DefinitionsFeed#generation}, which changes after every change of the store.
     */
    public static DefinitionsView timestamped(
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store, LongSupplier generation) {
        return new DefinitionsView(
                key -> ValueAndTimestamp.getValueOrNull(store.get(key)),
                prefix -> store.prefixScan(prefix, KEYS),
                generation);
    }

    @Override
    public Optional<WorkflowDef> workflow(String name, Integer version) {
        if (version != null) {
            return parse(DefinitionKeys.workflow(name, version), DefinitionParser::workflow);
        }
        long gen = generation.getAsLong();
        Latest known = latest.get(name);
        int newest;
        if (gen != UNKNOWN && known != null && known.generation == gen) {
            newest = known.version;
        } else {
            newest = latestVersion(name);
            latest.put(name, new Latest(newest, gen));
        }
        return newest < 0 ? Optional.empty() : parse(DefinitionKeys.workflow(name, newest), DefinitionParser::workflow);
    }

    private int latestVersion(String name) {
        String prefix = DefinitionKeys.WORKFLOW_PREFIX + name + ":";
        int newest = -1;
        try (KeyValueIterator<String, ?> it = prefixScan.apply(prefix)) {
            while (it.hasNext()) {
                KeyValue<String, ?> kv = it.next();
                try {
                    newest = Math.max(newest, Integer.parseInt(kv.key.substring(prefix.length())));
                } catch (NumberFormatException e) {
                    LOG.warn("Ignoring definition with a malformed key {}", kv.key);
                }
            }
        }
        return newest;
    }

    @Override
    public Optional<TaskDef> task(String name) {
        return parse(DefinitionKeys.task(name), DefinitionParser::task);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> parse(String key, Function<String, T> parser) {
        long gen = generation.getAsLong(); // read before the store: a change after it shows as a new generation
        Parsed<?> cached = cache.get(key);
        if (gen != UNKNOWN && cached != null && cached.generation == gen) {
            return Optional.ofNullable((T) cached.value);
        }
        byte[] bytes = get.apply(key);
        if (bytes == null) {
            cache.put(key, new Parsed<>(null, null, gen));
            return Optional.empty();
        }
        if (cached != null && Arrays.equals(cached.bytes, bytes)) {
            cache.put(key, new Parsed<>(bytes, cached.value, gen));
            return Optional.ofNullable((T) cached.value);
        }
        T value;
        try {
            value = parser.apply(new String(bytes, StandardCharsets.UTF_8));
        } catch (InvalidDefinitionException e) {
            LOG.error("Definition {} on the definitions topic is invalid and is ignored: {}", key, e.getMessage());
            value = null;
        }
        cache.put(key, new Parsed<>(bytes, value, gen));
        return Optional.ofNullable(value);
    }

    private record Parsed<T>(byte[] bytes, T value, long generation) {}

    private record Latest(int version, long generation) {}
}
