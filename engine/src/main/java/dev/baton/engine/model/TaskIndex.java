package dev.baton.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookups over an instance's task list that do not walk the whole list: by id, the newest task of
 * a reference name (and of a definition reference, for loop passes), and the tasks that may still
 * need the decider (not yet settled). Built from the list when first needed and kept up to date as
 * tasks are appended; any other change to the list (removal, insertion) rebuilds it.
 */
public final class TaskIndex {
    private final Map<String, TaskState> byId = new HashMap<>();
    private final Map<String, TaskState> latestByRef = new HashMap<>();
    private final Map<String, TaskState> latestByDefRef = new HashMap<>();
    /** Tasks that are not settled, in list order; settled ones are dropped by {@link #compact()}. */
    private final ArrayList<TaskState> open = new ArrayList<>();

    private int size;

    TaskIndex(List<TaskState> tasks) {
        for (TaskState t : tasks) {
            added(t);
        }
    }

    /** A task has been appended to the list. */
    void added(TaskState t) {
        t.pos = size++;
        byId.put(t.taskId, t);
        latestByRef.put(t.referenceTaskName, t);
        if (t.defRef != null) {
            latestByDefRef.put(t.defRef, t);
        }
        if (!settled(t)) {
            open.add(t);
        }
    }

    int size() {
        return size;
    }

    /** Settled: ended, and already acted on by the decider (or replaced by a newer attempt). */
    public static boolean settled(TaskState t) {
        return t.status != null && t.status.isTerminal() && (t.executed || t.retried);
    }

    public TaskState byId(String taskId) {
        return byId.get(taskId);
    }

    /** The newest task with this reference name. */
    public TaskState latestByRef(String ref) {
        return latestByRef.get(ref);
    }

    /** The newest task made from this definition reference (a loop's passes share one). */
    public TaskState latestByDefRef(String defRef) {
        return latestByDefRef.get(defRef);
    }

    /**
     * The tasks that are not settled, in list order. The list is live: tasks appended while a caller
     * walks it by index show up at its end, as they do in the task list itself.
     */
    public List<TaskState> open() {
        return open;
    }

    /** Drops settled tasks from {@link #open()}; call only while nobody walks it. */
    public void compact() {
        open.removeIf(TaskIndex::settled);
    }

    /** A snapshot of the tasks not settled, in list order (safe to walk while the list changes). */
    public List<TaskState> openSnapshot() {
        List<TaskState> out = new ArrayList<>(open.size());
        for (TaskState t : open) {
            if (!settled(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
