package dev.baton.engine.process;

import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a task's worker logs with the task, bounded: each line at most {@value #MAX_CHARS}
 * characters, and only the newest {@value #MAX_LINES} lines per task.
 */
final class TaskLogs {
    static final int MAX_LINES = 100;
    static final int MAX_CHARS = 2_000;

    private TaskLogs() {}

    /** Appends the lines to the task; true when the task changed. */
    static boolean append(TaskState t, List<TaskLog> lines) {
        if (lines == null || lines.isEmpty()) {
            return false;
        }
        List<TaskLog> all = t.logs == null ? new ArrayList<>() : new ArrayList<>(t.logs);
        for (TaskLog line : lines) {
            if (line == null || line.log() == null) {
                continue;
            }
            String text = line.log().length() > MAX_CHARS ? line.log().substring(0, MAX_CHARS) : line.log();
            all.add(new TaskLog(text, line.createdTime()));
        }
        if (all.size() > MAX_LINES) {
            all = new ArrayList<>(all.subList(all.size() - MAX_LINES, all.size()));
        }
        boolean changed = !all.equals(t.logs == null ? List.of() : t.logs);
        t.logs = all.isEmpty() ? null : all;
        return changed;
    }
}
