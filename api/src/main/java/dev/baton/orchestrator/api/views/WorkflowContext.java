package dev.baton.orchestrator.api.views;

import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.model.WorkflowInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the views of one workflow instance need besides the instance: the definition it runs (its
 * inline one, else the registered version; null when that was deleted since), its tasks by
 * reference name at any depth, and the registered definitions.
 */
public final class WorkflowContext {
    private final WorkflowDef definition;
    private final DefinitionLookup lookup;
    private final Map<String, WorkflowTask> byRef = new HashMap<>();

    private WorkflowContext(WorkflowDef definition, DefinitionLookup lookup) {
        this.definition = definition;
        this.lookup = lookup;
        if (definition != null) {
            index(definition.tasks());
        }
    }

    /** The context of an instance, its definition found through {@code lookup} unless it is inline. */
    public static WorkflowContext of(WorkflowInstance wf, DefinitionLookup lookup) {
        WorkflowDef def = wf.definition != null
                ? wf.definition
                : lookup.workflow(wf.workflowName, wf.workflowVersion).orElse(null);
        return new WorkflowContext(def, lookup);
    }

    /** The definition the instance runs, or null. */
    public WorkflowDef definition() {
        return definition;
    }

    public DefinitionLookup lookup() {
        return lookup;
    }

    /** The definition's task with this reference name (without a loop's {@code __N} suffix), or null. */
    WorkflowTask declared(String ref) {
        return ref == null ? null : byRef.get(ref);
    }

    private void index(List<WorkflowTask> tasks) {
        if (tasks == null) {
            return;
        }
        for (WorkflowTask t : tasks) {
            byRef.putIfAbsent(t.taskReferenceName(), t);
            if (t.decisionCases() != null) {
                t.decisionCases().values().forEach(this::index);
            }
            index(t.defaultCase());
            if (t.forkTasks() != null) {
                t.forkTasks().forEach(this::index);
            }
            index(t.loopOver());
        }
    }
}
