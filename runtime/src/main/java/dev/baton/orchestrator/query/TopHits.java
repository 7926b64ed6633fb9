package dev.baton.orchestrator.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The matches of a search counted, and the newest {@code limit} of them kept (newest start first,
 * ties by id, as {@link LocalInstanceQueries#NEWEST_FIRST}): a bounded heap whose head is the
 * oldest kept, so a page costs memory for {@code start + size} hits, not for every match.
 *
 * @param <T> what each hit carries (e.g. the store to read it from)
 */
final class TopHits<T> {
    /** One match: its id and start time, and what it carries. */
    record Hit<T>(String workflowId, long startTime, T value) {}

    static final Comparator<Hit<?>> NEWEST_FIRST =
            Comparator.comparingLong((Hit<?> h) -> h.startTime()).reversed().thenComparing(Hit::workflowId);

    private final int limit;
    private final PriorityQueue<Hit<T>> kept;
    private long total;

    TopHits(int limit) {
        this.limit = Math.max(0, limit);
        this.kept = new PriorityQueue<>(Math.min(this.limit, 1024) + 1, NEWEST_FIRST.reversed());
    }

    void add(String workflowId, long startTime, Function<String, T> value) {
        total++;
        if (limit == 0) {
            return;
        }
        if (kept.size() >= limit) {
            Hit<T> oldest = kept.peek();
            // keep it only if it comes before the oldest kept
            if (startTime < oldest.startTime()
                    || (startTime == oldest.startTime() && workflowId.compareTo(oldest.workflowId()) > 0)) {
                return;
            }
            kept.poll();
        }
        kept.add(new Hit<>(workflowId, startTime, value.apply(workflowId)));
    }

    /** Adds another set of hits (of other partitions): their count and the ones kept. */
    void addAll(TopHits<T> other) {
        long before = total;
        for (Hit<T> h : other.kept) {
            add(h.workflowId(), h.startTime(), id -> h.value());
        }
        total = before + other.total;
    }

    long total() {
        return total;
    }

    /** The hits kept, newest first. */
    List<Hit<T>> sorted() {
        List<Hit<T>> out = new ArrayList<>(kept);
        out.sort(NEWEST_FIRST);
        return out;
    }
}
