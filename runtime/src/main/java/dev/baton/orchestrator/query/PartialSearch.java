package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/**
 * One node's answer to a fanned-out search: how many instances match in the partitions it
 * answered for, and the first of them (newest first, as many as the page needs) — as keys when
 * asked for keys (what nodes ask each other for), otherwise whole (what nodes before keys answer).
 *
 * @param total      matches in {@code partitions}
 * @param results    the first matches whole, sorted by {@link LocalInstanceQueries#NEWEST_FIRST}; empty with keys
 * @param partitions the instance-store partitions this answer covers
 * @param keys       the first matches as keys, newest first; null when the answer holds them whole
 */
public record PartialSearch(long total, List<WorkflowInstance> results, List<Integer> partitions, List<Key> keys) {

    /** One match: enough to order it among the others and to read it afterwards from its partition. */
    public record Key(String workflowId, long startTime, int partition) {}

    static PartialSearch ofKeys(long total, List<Key> keys, List<Integer> partitions) {
        return new PartialSearch(total, List.of(), partitions, keys);
    }

    static PartialSearch ofInstances(long total, List<WorkflowInstance> results, List<Integer> partitions) {
        return new PartialSearch(total, results, partitions, null);
    }

    /** How many results each node must return for the page {@code [start, start + size)}. */
    public static int limitFor(int start, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(0, start) + Math.max(0, size));
    }
}
