package dev.baton.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole state of one workflow instance. The engine is its only writer: the runtime
 * loads it, hands it to the engine with one input, and stores what comes back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class WorkflowInstance {
    public String workflowId;
    public String workflowName;
    public int workflowVersion;
    public WorkflowStatus status;
    public String correlationId;
    public ObjectNode input;
    public ObjectNode output;
    public ObjectNode variables;
    public String reasonForIncompletion;
    public long startTime;
    public long updateTime;
    public long endTime;
    /** Sequence number of the last history event; events are numbered 1, 2, 3... without gaps. */
    public long seq;
    /** Counter for deterministic ids (task ids, timer ids). */
    public long idCounter;

    public String parentWorkflowId;
    public String parentTaskId;
    /** Last time an operator retried the workflow (restarts its timeout clock). */
    public long lastRetriedTime;
    /** Saga compensation in progress: why the workflow failed, and the tasks still to undo (next first). */
    public String compensationReason;

    public List<String> compensationQueue;
    /** The definition, kept with the instance only when it was given inline (not registered). */
    public dev.baton.dsl.WorkflowDef definition;
    /** Id of the failure workflow started when this one failed, if any. */
    public String failureWorkflowId;

    /** Conductor's taskToDomain given at the start: task name (or {@code *}) to a domain list; null when none. */
    public java.util.SortedMap<String, String> taskToDomain;
    /**
     * Tasks dispatched under their definition's concurrency or rate limit whose slot is not released
     * yet: task id to the limit's key (the task definition name); null when none. Sorted maps, so that
     * an instance reads and writes the same however it was loaded.
     */
    public java.util.SortedMap<String, String> limitedTasks;

    /** Bridge: domain events that arrived before their step was reached, oldest first. */
    public List<PendingEvent> pendingEvents;

    public List<TaskState> tasks = new ArrayList<>();
    /** Pending timers: timer id → due time (epoch millis). */
    public Map<String, Long> timers = new LinkedHashMap<>();

    @JsonIgnore
    private transient TaskIndex index;

    @JsonIgnore
    private transient java.util.Set<String> touched;

    @JsonIgnore
    private transient boolean restructured;

    public WorkflowInstance() {}

    public Optional<TaskState> task(String taskId) {
        return Optional.ofNullable(index().byId(taskId));
    }

    /** The newest execution of a task reference, if any. */
    public Optional<TaskState> latest(String ref) {
        return Optional.ofNullable(index().latestByRef(ref));
    }

    /** Lookups over the task list; rebuilt when the list changed other than by {@link #addTask}. */
    public TaskIndex index() {
        if (index == null || index.size() != tasks.size()) {
            index = new TaskIndex(tasks);
        }
        return index;
    }

    /** Appends a task to the list (and to the index). */
    public void addTask(TaskState t) {
        TaskIndex i = index();
        tasks.add(t);
        i.added(t);
    }

    /**
     * The task list was changed other than by appending (tasks removed, inserted, or a settled
     * task reopened): the index is rebuilt, and a store must rewrite the whole list.
     */
    public void tasksRestructured() {
        index = null;
        restructured = true;
    }

    /** A settled task was changed (its logs, say): a store that writes only open tasks must write it too. */
    public void touched(TaskState t) {
        if (touched == null) {
            touched = new java.util.LinkedHashSet<>();
        }
        touched.add(t.taskId);
    }

    /** Ids of settled tasks changed since {@link #clearChanges()}; empty when none. */
    public java.util.Set<String> touchedTaskIds() {
        return touched == null ? java.util.Set.of() : touched;
    }

    /** Whether the list was restructured since {@link #clearChanges()}. */
    public boolean restructured() {
        return restructured;
    }

    /** A store has written the instance: what changed since is tracked anew. */
    public void clearChanges() {
        touched = null;
        restructured = false;
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }
}
