package dev.baton.orchestrator.api;

import dev.baton.dsl.DefinitionKeys;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Definitions for the API: reads from the definitions global store (every node has all of them),
 * writes through {@link WorkflowClient} to the compacted definitions topic, and after a write
 * waits (bounded) until the store shows it, so that a read right after a write sees the write.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class DefinitionStore {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionStore.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final StreamsRuntime runtime;
    private final WorkflowClient client;
    private final ApiSettings settings;
    private final ParsedDefinitions parsed = new ParsedDefinitions(10_000);

    public DefinitionStore(StreamsRuntime runtime, WorkflowClient client, ApiSettings settings) {
        this.runtime = runtime;
        this.client = client;
        this.settings = settings;
    }

    public Optional<TaskDef> task(String name) {
        return read(DefinitionKeys.task(name), DefinitionParser::task);
    }

    /** Every task definition, by name. */
    public List<TaskDef> tasks() {
        List<TaskDef> out = scan(DefinitionKeys.TASK_PREFIX, DefinitionParser::task);
        out.sort(Comparator.comparing(TaskDef::name));
        return out;
    }

    /** One version of a workflow definition, or its latest version when {@code version} is null. */
    public Optional<WorkflowDef> workflow(String name, Integer version) {
        if (version != null) {
            return read(DefinitionKeys.workflow(name, version), DefinitionParser::workflow);
        }
        return versions(name).stream().reduce((a, b) -> b);
    }

    /** Every version of one workflow definition, oldest first. */
    public List<WorkflowDef> versions(String name) {
        List<WorkflowDef> out = scan(DefinitionKeys.WORKFLOW_PREFIX + name + ":", DefinitionParser::workflow);
        out.removeIf(d -> !name.equals(d.name()));
        out.sort(Comparator.comparingInt(WorkflowDef::versionOrDefault));
        return out;
    }

    /** Every version of every workflow definition, by name then version. */
    public List<WorkflowDef> workflows() {
        List<WorkflowDef> out = scan(DefinitionKeys.WORKFLOW_PREFIX, DefinitionParser::workflow);
        out.sort(Comparator.comparing(WorkflowDef::name).thenComparingInt(WorkflowDef::versionOrDefault));
        return out;
    }

    /** The registered definitions as a view's lookup: each read at most once per view. */
    public DefinitionLookup lookup() {
        return DefinitionLookup.of(this::task, this::workflow);
    }

    /** Registers (or replaces) task definitions, then waits until each is readable. */
    public void putTasks(List<TaskDef> defs) {
        for (int i = 0; i < defs.size(); i++) {
            settings.checkSize(DefinitionParser.toJson(defs.get(i)), defs.size() == 1 ? "$" : "$[" + i + "]");
        }
        client.registerTaskDefs(defs);
        for (TaskDef d : defs) {
            awaitStored(d.definitionKey(), bytes(d));
        }
    }

    /** Registers (or replaces) a workflow definition version, then waits until it is readable. */
    public void putWorkflow(WorkflowDef def) {
        settings.checkSize(DefinitionParser.toJson(def), "$");
        client.registerWorkflow(def);
        awaitStored(def.definitionKey(), bytes(def));
    }

    public void deleteTask(String name) {
        client.deleteTaskDef(name);
        awaitStored(DefinitionKeys.task(name), null);
    }

    public void deleteWorkflow(String name, int version) {
        client.deleteWorkflowDef(name, version);
        awaitStored(DefinitionKeys.workflow(name, version), null);
    }

    private static byte[] bytes(Object def) {
        return DefinitionParser.toJson(def).getBytes(StandardCharsets.UTF_8);
    }

    private void awaitStored(String key, byte[] expected) {
        long deadline = System.nanoTime() + settings.getDefinitionWaitMs() * 1_000_000L;
        long pause = 2;
        while (!Arrays.equals(store().get(key), expected)) {
            if (System.nanoTime() > deadline) {
                throw new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "the definition " + key
                                + " was written but the definitions store has not shown it within "
                                + settings.getDefinitionWaitMs() + " ms; it will appear shortly");
            }
            sleep(pause);
            pause = Math.min(50, pause * 2);
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return runtime.definitions();
    }

    private <T> Optional<T> read(String key, Function<String, T> parser) {
        byte[] bytes = store().get(key);
        return bytes == null ? Optional.empty() : Optional.ofNullable(parse(key, bytes, parser));
    }

    private <T> List<T> scan(String prefix, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store().prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.value != null) {
                    T def = parse(kv.key, kv.value, parser);
                    if (def != null) {
                        out.add(def);
                    }
                }
            }
        }
        return out;
    }

    private <T> T parse(String key, byte[] bytes, Function<String, T> parser) {
        try {
            return parsed.parse(key, bytes, parser);
        } catch (InvalidDefinitionException e) {
            LOG.warn("Definition {} on the definitions topic is invalid and is left out: {}", key, e.getMessage());
            return null;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting");
        }
    }
}
