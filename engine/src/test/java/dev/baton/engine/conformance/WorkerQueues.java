package dev.baton.engine.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The tasks workers may take, one queue per task type, in the order they became available
 * (Conductor's task queues). An entry can be hidden until {@code visibleAt} (a postponed
 * IN_PROGRESS task). A task is in at most one queue once.
 */
final class WorkerQueues {
    /** One available task. */
    record Entry(String workflowId, String taskId, long visibleAt) {}

    private final Map<String, List<Entry>> queues = new LinkedHashMap<>();

    /** Makes a task available to workers of {@code taskType}, replacing an earlier entry for the same task. */
    void offer(String taskType, String workflowId, String taskId, long visibleAt) {
        remove(taskId);
        queues.computeIfAbsent(taskType, k -> new ArrayList<>()).add(new Entry(workflowId, taskId, visibleAt));
    }

    /** Drops entries that no longer refer to a task a worker could take. */
    void prune(Predicate<Entry> stale) {
        queues.values().forEach(q -> q.removeIf(stale));
    }

    /** The first visible entry of that type, without taking it. */
    Optional<Entry> peek(String taskType, long now) {
        return queues.getOrDefault(taskType, List.of()).stream()
                .filter(e -> e.visibleAt() <= now)
                .findFirst();
    }

    /** Removes the task's entry, if any. */
    void remove(String taskId) {
        queues.values().forEach(q -> q.removeIf(e -> e.taskId().equals(taskId)));
    }

    /** When the next hidden entry of that type becomes visible (after {@code now}), if any. */
    OptionalLong nextVisible(String taskType, long now) {
        return queues.getOrDefault(taskType, List.of()).stream()
                .mapToLong(Entry::visibleAt)
                .filter(t -> t > now)
                .min();
    }

    /** Makes every entry of the workflow visible now (Conductor's reset callbacks). */
    int resetCallbacks(String workflowId, long now) {
        int n = 0;
        for (List<Entry> q : queues.values()) {
            for (int i = 0; i < q.size(); i++) {
                Entry e = q.get(i);
                if (e.workflowId().equals(workflowId) && e.visibleAt() > now) {
                    q.set(i, new Entry(e.workflowId(), e.taskId(), now));
                    n++;
                }
            }
        }
        return n;
    }
}
