package dev.baton.dsl;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The tasks of a definition at every depth (switch cases, fork branches, loop bodies), each with its JSON path, in
 * the order they are written.
 */
public final class TaskTree {
    private TaskTree() {}

    /** Visits every task of {@code tasks} and of the lists they hold; {@code path} is the list's own path. */
    public static void walk(List<WorkflowTask> tasks, String path, BiConsumer<WorkflowTask, String> visit) {
        if (tasks == null) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            WorkflowTask t = tasks.get(i);
            if (t == null) {
                continue;
            }
            String at = path + "[" + i + "]";
            visit.accept(t, at);
            if (t.decisionCases() != null) {
                t.decisionCases().forEach((name, list) -> walk(list, at + ".decisionCases." + name, visit));
            }
            walk(t.defaultCase(), at + ".defaultCase", visit);
            if (t.forkTasks() != null) {
                for (int b = 0; b < t.forkTasks().size(); b++) {
                    walk(t.forkTasks().get(b), at + ".forkTasks[" + b + "]", visit);
                }
            }
            walk(t.loopOver(), at + ".loopOver", visit);
        }
    }
}
