package dev.baton.orchestrator.api.views;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The registered definitions a view needs (task definitions for {@code taskDefinition}, workflow
 * definitions for {@code workflowDefinition} and {@code workflowTask}), each read once per view:
 * a workflow's tasks usually share a handful of definitions.
 */
public final class DefinitionLookup {
    /** Knows no registered definition: views fall back to Conductor's defaults and inline definitions. */
    public static final DefinitionLookup NONE = new DefinitionLookup(n -> Optional.empty(), (n, v) -> Optional.empty());

    private final Function<String, Optional<TaskDef>> tasks;
    private final BiFunction<String, Integer, Optional<WorkflowDef>> workflows;
    private final Map<String, Optional<TaskDef>> taskCache = new HashMap<>();
    private final Map<String, Optional<WorkflowDef>> workflowCache = new HashMap<>();

    private DefinitionLookup(
            Function<String, Optional<TaskDef>> tasks, BiFunction<String, Integer, Optional<WorkflowDef>> workflows) {
        this.tasks = tasks;
        this.workflows = workflows;
    }

    /** A lookup over a definitions source; {@code workflows} takes a name and a version. */
    public static DefinitionLookup of(
            Function<String, Optional<TaskDef>> tasks, BiFunction<String, Integer, Optional<WorkflowDef>> workflows) {
        return new DefinitionLookup(tasks, workflows);
    }

    /** The registered task definition of this name; empty when there is none or it cannot be read now. */
    public Optional<TaskDef> task(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return taskCache.computeIfAbsent(name, n -> safely(() -> tasks.apply(n)));
    }

    /** A registered workflow definition version; empty when there is none or it cannot be read now. */
    public Optional<WorkflowDef> workflow(String name, int version) {
        if (name == null) {
            return Optional.empty();
        }
        return workflowCache.computeIfAbsent(
                name + "\u0000" + version, k -> safely(() -> workflows.apply(name, version)));
    }

    /** A view is not refused because the definitions store is not readable at this moment (it is restoring). */
    private static <T> Optional<T> safely(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }
}
