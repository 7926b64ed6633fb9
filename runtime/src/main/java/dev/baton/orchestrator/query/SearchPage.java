package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The page of a fanned-out search, picked from the nodes' answers before any instance is read:
 * their matches merged newest first (ties by id), totalHits the sum of their totals, and the slice
 * {@code [start, start + size)} taken. Each picked match remembers the node (and copy) that answered
 * for its partition, so that only the page's instances are then read, each from there.
 */
final class SearchPage {
    /** Who answered for a set of partitions: a node, from its active copies or (stale) standby ones. */
    record Source(HostInfo node, boolean stale) {}

    /** One node's answer and where it came from. */
    record Answer(Source source, PartialSearch partial) {}

    /** One match of the page: its key, who answered for it, and the instance itself when it was sent whole. */
    record Entry(PartialSearch.Key key, Source source, WorkflowInstance whole) {
        String workflowId() {
            return key.workflowId();
        }
    }

    static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(
                    (Entry e) -> e.key().startTime())
            .reversed()
            .thenComparing(Entry::workflowId);

    private SearchPage() {}

    static long total(Collection<Answer> answers) {
        long total = 0;
        for (Answer a : answers) {
            total += a.partial().total();
        }
        return total;
    }

    /** The matches on the page {@code [start, start + size)} of the union of the answers, newest first. */
    static List<Entry> pick(Collection<Answer> answers, int start, int size) {
        List<Entry> all = new ArrayList<>();
        for (Answer a : answers) {
            PartialSearch p = a.partial();
            if (p.keys() != null) {
                p.keys().forEach(k -> all.add(new Entry(k, a.source(), null)));
            } else { // a node that answers whole instances (no keys yet)
                p.results()
                        .forEach(w -> all.add(
                                new Entry(new PartialSearch.Key(w.workflowId, w.startTime, -1), a.source(), w)));
            }
        }
        all.sort(NEWEST_FIRST);
        int from = Math.min(Math.max(0, start), all.size());
        int to = (int) Math.min(all.size(), (long) from + Math.max(0, size));
        return List.copyOf(all.subList(from, to));
    }
}
