package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A Conductor workflow definition (schemaVersion 2), as users write it in JSON or YAML.
 * Unknown fields are tolerated so that Conductor documents load unchanged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDef(
        String name,
        String description,
        Integer version,
        List<WorkflowTask> tasks,
        List<String> inputParameters,
        ObjectNode outputParameters,
        ObjectNode inputTemplate,
        ObjectNode variables,
        String failureWorkflow,
        Integer schemaVersion,
        Boolean restartable,
        String timeoutPolicy,
        Long timeoutSeconds,
        String ownerEmail,
        JsonNode ownerApp,
        /* Baton bridge: existing topics bound to this workflow (start it, end its steps, update its variables). */
        List<EventSource> eventSources,
        /* Every other field of the document, kept as written ({@link Extras}). */
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public WorkflowDef {
        tasks = tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
        inputParameters = inputParameters == null ? List.of() : List.copyOf(inputParameters);
        eventSources = eventSources == null ? List.of() : List.copyOf(eventSources);
        extra = Extras.copy(extra);
    }

    /** This definition with one of its unread fields set (null removes it). */
    public WorkflowDef withExtra(String field, JsonNode value) {
        return new WorkflowDef(
                name,
                description,
                version,
                tasks,
                inputParameters,
                outputParameters,
                inputTemplate,
                variables,
                failureWorkflow,
                schemaVersion,
                restartable,
                timeoutPolicy,
                timeoutSeconds,
                ownerEmail,
                ownerApp,
                eventSources,
                Extras.with(extra, field, value));
    }

    /**
     * Every event binding of this definition: its eventSources, and the completeOn / failOn of its
     * tasks (at any depth) as complete_task / fail_task sources.
     */
    public List<EventSource> allEventSources() {
        List<EventSource> all = new ArrayList<>(eventSources);
        collect(tasks, all);
        return all;
    }

    /** Whether any event source or task completeOn / failOn binds this definition to a topic (no allocation). */
    public boolean hasEventBindings() {
        return !eventSources.isEmpty() || bound(tasks);
    }

    private static boolean bound(List<WorkflowTask> tasks) {
        if (tasks == null) {
            return false;
        }
        for (WorkflowTask t : tasks) {
            if (t.completeOn() != null
                    || t.failOn() != null
                    || bound(t.defaultCase())
                    || bound(t.loopOver())
                    || (t.decisionCases() != null
                            && t.decisionCases().values().stream().anyMatch(WorkflowDef::bound))
                    || (t.forkTasks() != null && t.forkTasks().stream().anyMatch(WorkflowDef::bound))) {
                return true;
            }
        }
        return false;
    }

    private static void collect(List<WorkflowTask> tasks, List<EventSource> out) {
        if (tasks == null) {
            return;
        }
        for (WorkflowTask t : tasks) {
            if (t.completeOn() != null) {
                out.add(EventSource.forTask(t, t.completeOn(), EventSource.Action.COMPLETE_TASK));
            }
            if (t.failOn() != null) {
                out.add(EventSource.forTask(t, t.failOn(), EventSource.Action.FAIL_TASK));
            }
            if (t.decisionCases() != null) {
                t.decisionCases().values().forEach(c -> collect(c, out));
            }
            collect(t.defaultCase(), out);
            if (t.forkTasks() != null) {
                t.forkTasks().forEach(f -> collect(f, out));
            }
            collect(t.loopOver(), out);
        }
    }

    /** The version, 1 when the document leaves it out (as Conductor does). */
    public int versionOrDefault() {
        return version == null ? 1 : version;
    }

    /** The key of this definition on the definitions topic. */
    public String definitionKey() {
        return DefinitionKeys.workflow(name, versionOrDefault());
    }
}
