package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One node's answer to a fanned-out search: how many instances match in the partitions it
 * answered for, and the first of them (newest first, as many as the page needs).
 *
 * @param total      matches in {@code partitions}
 * @param results    the first matches, sorted by {@link LocalInstanceQueries#NEWEST_FIRST}
 * @param partitions the instance-store partitions this answer covers
 */
public record PartialSearch(long total, List<WorkflowInstance> results, List<Integer> partitions) {

    /** The page {@code [start, start + size)} of the union of the answers; totalHits is the sum of the totals. */
    public static SearchResult merge(Collection<PartialSearch> answers, int start, int size) {
        long total = 0;
        List<WorkflowInstance> all = new ArrayList<>();
        for (PartialSearch a : answers) {
            total += a.total();
            all.addAll(a.results());
        }
        all.sort(LocalInstanceQueries.NEWEST_FIRST);
        int from = Math.min(Math.max(0, start), all.size());
        int to = (int) Math.min(all.size(), (long) from + Math.max(0, size));
        return new SearchResult(total, List.copyOf(all.subList(from, to)));
    }

    /** How many results each node must return for the page {@code [start, start + size)}. */
    public static int limitFor(int start, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(0, start) + Math.max(0, size));
    }
}
