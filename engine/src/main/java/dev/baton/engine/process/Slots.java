package dev.baton.engine.process;

import dev.baton.dsl.TaskDef;
import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slots that tasks of limited definitions hold (Conductor's concurrentExecLimit and rate
 * limits): a task dispatched under limits is remembered in its instance until it ends or leaves
 * the task list (a restart, a rerun); then a {@link Effect.ReleaseSlot} tells the runtime, which
 * counts the slots across all workflows, that the slot is free.
 */
final class Slots {
    private Slots() {}

    /** A task is dispatched: the limits of its definition, remembered with the instance (null: none). */
    static TaskLimits hold(Step s, TaskState task, TaskDef def) {
        TaskLimits limits = TaskLimits.of(def);
        if (limits != null) {
            if (s.wf.limitedTasks == null) {
                s.wf.limitedTasks = new TreeMap<>();
            }
            s.wf.limitedTasks.put(task.taskId, task.taskDefName);
        }
        return limits;
    }

    /** At the end of a step: releases the slots of tasks that have ended or are gone. */
    static void release(Step s) {
        Map<String, String> held = s.wf.limitedTasks;
        if (held == null) {
            return;
        }
        Iterator<Map.Entry<String, String>> it = held.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, String> e = it.next();
            TaskState t = s.wf.task(e.getKey()).orElse(null);
            if (t == null || t.status == null || t.status.isTerminal()) {
                s.effects.add(new Effect.ReleaseSlot(e.getValue(), e.getKey()));
                it.remove();
            }
        }
        if (held.isEmpty()) {
            s.wf.limitedTasks = null;
        }
    }
}
