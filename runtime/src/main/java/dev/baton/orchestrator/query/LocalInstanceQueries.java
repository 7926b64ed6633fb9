package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.runtime.AppliedNotices;
import dev.baton.orchestrator.runtime.InstanceCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.orchestrator.state.HeaderKeys;
import dev.baton.orchestrator.state.InstanceReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Answers from the instances this node holds (the building block of routed queries). A search
 * reads the search keys of each instance header only (name, status, correlation id, start time;
 * the input too for free text), counts the matches and keeps the newest {@code start + size} of
 * them in a bounded heap; only the instances on the page asked for are then read whole.
 */
public final class LocalInstanceQueries implements InstanceQueries {
    private final StreamsRuntime runtime;

    public LocalInstanceQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Optional<WorkflowInstance> find(String workflowId) {
        return Optional.ofNullable(runtime.localInstances().find(workflowId));
    }

    @Override
    public boolean appliedHere(String workflowId) {
        return runtime.started() && allServedNow();
    }

    @Override
    public Optional<byte[]> payload(String workflowId, String payloadId) {
        return Optional.ofNullable(runtime.localInstances().payload(workflowId, payloadId));
    }

    @Override
    public AppliedNotices.Watch watch(String workflowId, java.util.function.Predicate<WorkflowInstance> until) {
        return runtime.applied().watch(workflowId, until);
    }

    /**
     * A document an instance keeps out of line, from one partition of this node; null when there is
     * none. Without {@code stale}, throws {@link InvalidStateStoreException} unless the partition is served here.
     */
    public byte[] payloadBytes(String workflowId, String payloadId, int partition, boolean stale) {
        if (stale) {
            return runtime.localInstances(partition, true).payload(workflowId, payloadId);
        }
        return served(partition, () -> runtime.localInstances(partition, false).payload(workflowId, payloadId));
    }

    /**
     * Reads from the active copy of a partition only while this node serves it — restored and
     * processing, the same serving generation before and after the read — so that "no such
     * instance" is an authoritative answer and not that of a store still being restored.
     *
     * @throws InvalidStateStoreException when the partition is not served here (retryable)
     */
    <T> T served(int partition, Supplier<T> read) {
        long before = runtime.servedGeneration(partition);
        if (before == 0) {
            throw new InvalidStateStoreException(
                    "partition " + partition + " is not served here (restoring, or moving to or from this node)");
        }
        T value = read.get();
        if (runtime.servedGeneration(partition) != before) {
            throw new InvalidStateStoreException(
                    "partition " + partition + " moved or was restored again during the read");
        }
        return value;
    }

    /** Whether every active partition of this node is served (restored and processing) now. */
    boolean allServedNow() {
        for (int p : runtime.localActivePartitions()) {
            if (runtime.servedGeneration(p) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Throws {@link InvalidStateStoreException} unless every active partition of this node is served (restored). */
    private void allServed() {
        for (int p : runtime.localActivePartitions()) {
            if (runtime.servedGeneration(p) == 0) {
                throw new InvalidStateStoreException("partition " + p + " is not served here yet (restoring)");
            }
        }
    }

    /** The instance from this node's active copies (a node on its own); null when there is none. */
    public WorkflowInstance findServed(String workflowId) {
        allServed();
        WorkflowInstance wf = runtime.localInstances().find(workflowId);
        allServed();
        return wf;
    }

    /** A document kept out of line, from this node's active copies (a node on its own); null when there is none. */
    public byte[] payloadServed(String workflowId, String payloadId) {
        allServed();
        byte[] bytes = runtime.localInstances().payload(workflowId, payloadId);
        allServed();
        return bytes;
    }

    @Override
    public SearchResult search(InstanceSearch search) {
        allServed();
        InstanceReader reader = runtime.localInstances();
        int from = Math.max(0, search.start());
        TopHits<String> hits = matching(reader, search, PartialSearch.limitFor(from, search.size()), id -> id);
        List<TopHits.Hit<String>> sorted = hits.sorted();
        List<WorkflowInstance> page = new ArrayList<>();
        for (TopHits.Hit<String> hit : sorted.subList(Math.min(from, sorted.size()), sorted.size())) {
            WorkflowInstance whole = reader.find(hit.workflowId());
            if (whole != null) { // null: removed since the scan
                page.add(whole);
            }
        }
        return new SearchResult(hits.total(), page);
    }

    /**
     * Counts the local instances that match and keeps the {@code limit} newest of them. Each header
     * is first read for its search keys only ({@link HeaderKeys}); only a free-text search decodes
     * the headers that pass the other criteria, to look into their input.
     */
    private static <T> TopHits<T> matching(
            InstanceReader reader, InstanceSearch search, int limit, java.util.function.Function<String, T> value) {
        TopHits<T> hits = new TopHits<>(limit);
        boolean text = search.hasText();
        reader.forEachHeader((id, bytes) -> {
            HeaderKeys.Key k = HeaderKeys.read(bytes);
            if (search.matchesKeys(k.workflowName(), k.status(), k.correlationId(), k.startTime())
                    && (!text || search.matches(reader.header(id, bytes)))) {
                hits.add(k.workflowId(), k.startTime(), value);
            }
        });
        return hits;
    }

    /**
     * The stored instance in one partition of this node, as JSON (its active copy; with
     * {@code stale} also a standby copy); null when the partition is here and the instance is not.
     * Throws {@link InvalidStateStoreException} when this node cannot serve the partition (without
     * {@code stale}: when its active copy is not restored and processing, see {@link #served}).
     */
    public byte[] findBytes(String workflowId, int partition, boolean stale) {
        WorkflowInstance wf = find(workflowId, partition, stale);
        return wf == null ? null : InstanceCodec.encode(wf);
    }

    /** As {@link #findBytes}, the instance as read from the store. */
    public WorkflowInstance find(String workflowId, int partition, boolean stale) {
        return stale
                ? runtime.localInstances(partition, true).find(workflowId)
                : served(
                        partition,
                        () -> runtime.localInstances(partition, false).find(workflowId));
    }

    /**
     * The search over the given partitions of this node (null: every partition active here): the
     * number of matches and the first {@code limit} of them, newest first — as keys with
     * {@code keys}, otherwise whole. A partition this node cannot serve is left out of
     * {@link PartialSearch#partitions()}.
     */
    public PartialSearch searchPartitions(
            InstanceSearch search, Collection<Integer> partitions, boolean stale, int limit, boolean keys) {
        Collection<Integer> wanted = partitions == null ? runtime.localActivePartitions() : partitions;
        TopHits<Integer> found = new TopHits<>(limit);
        Map<Integer, InstanceReader> readers = new HashMap<>();
        List<Integer> answered = new ArrayList<>();
        for (int p : wanted) {
            TopHits<Integer> part;
            try {
                InstanceReader reader = runtime.localInstances(p, stale);
                part = stale
                        ? matching(reader, search, limit, id -> p)
                        : served(p, () -> matching(reader, search, limit, id -> p));
                readers.put(p, reader);
            } catch (InvalidStateStoreException e) {
                continue; // not served here (any more): the caller asks elsewhere
            }
            found.addAll(part);
            answered.add(p);
        }
        List<TopHits.Hit<Integer>> sorted = found.sorted();
        if (keys) {
            List<PartialSearch.Key> out = new ArrayList<>(sorted.size());
            sorted.forEach(h -> out.add(new PartialSearch.Key(h.workflowId(), h.startTime(), h.value())));
            return PartialSearch.ofKeys(found.total(), out, answered);
        }
        List<WorkflowInstance> top = new ArrayList<>();
        for (TopHits.Hit<Integer> hit : sorted) {
            WorkflowInstance whole = readers.get(hit.value()).find(hit.workflowId());
            if (whole != null) {
                top.add(whole);
            }
        }
        return PartialSearch.ofInstances(found.total(), List.copyOf(top), answered);
    }

    /**
     * The instances with these keys, each from its partition on this node (its active copy while
     * served, see {@link #served}; with {@code stale} also a standby copy). A key whose partition
     * cannot be read here is in neither list of the answer.
     */
    public InstanceReads read(Collection<PartialSearch.Key> keys, boolean stale) {
        List<WorkflowInstance> found = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (PartialSearch.Key k : keys) {
            try {
                WorkflowInstance wf = find(k.workflowId(), k.partition(), stale);
                if (wf == null) {
                    absent.add(k.workflowId());
                } else {
                    found.add(wf);
                }
            } catch (InvalidStateStoreException e) {
                // not readable here: the caller asks the instance's owner
            }
        }
        return new InstanceReads(found, absent);
    }

    /** Newest start first; ties by id, so pages are stable. */
    public static final Comparator<WorkflowInstance> NEWEST_FIRST = Comparator.comparingLong(
                    (WorkflowInstance w) -> w.startTime)
            .reversed()
            .thenComparing(w -> w.workflowId);
}
