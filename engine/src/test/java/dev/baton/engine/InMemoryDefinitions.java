package dev.baton.engine;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Definitions held in memory for engine tests: versions per workflow name, the latest when none is asked for. */
public final class InMemoryDefinitions implements Definitions {
    private final Map<String, TreeMap<Integer, WorkflowDef>> workflows = new HashMap<>();
    private final Map<String, TaskDef> tasks = new HashMap<>();

    public void register(WorkflowDef def) {
        workflows.computeIfAbsent(def.name(), n -> new TreeMap<>()).put(def.versionOrDefault(), def);
    }

    public void register(TaskDef def) {
        tasks.put(def.name(), def);
    }

    @Override
    public Optional<WorkflowDef> workflow(String name, Integer version) {
        TreeMap<Integer, WorkflowDef> versions = workflows.get(name);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(version == null ? versions.lastEntry().getValue() : versions.get(version));
    }

    @Override
    public Optional<TaskDef> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }
}
