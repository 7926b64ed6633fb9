package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.runtime.InstanceCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.orchestrator.state.InstanceReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Answers from the instances this node holds (the building block of routed queries). A search
 * reads instance headers only; the instances on the page asked for are then read whole.
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
    public Optional<byte[]> payload(String workflowId, String payloadId) {
        return Optional.ofNullable(runtime.localInstances().payload(workflowId, payloadId));
    }

    /** A document an instance keeps out of line, from one partition of this node; null when there is none. */
    public byte[] payloadBytes(String workflowId, String payloadId, int partition, boolean stale) {
        return runtime.localInstances(partition, stale).payload(workflowId, payloadId);
    }

    @Override
    public SearchResult search(InstanceSearch search) {
        InstanceReader reader = runtime.localInstances();
        List<WorkflowInstance> all = matching(reader, search);
        all.sort(NEWEST_FIRST);
        int from = Math.min(Math.max(0, search.start()), all.size());
        int to = Math.min(all.size(), from + Math.max(0, search.size()));
        List<WorkflowInstance> page = new ArrayList<>(to - from);
        for (WorkflowInstance header : all.subList(from, to)) {
            WorkflowInstance whole = reader.find(header.workflowId);
            page.add(whole == null ? header : whole);
        }
        return new SearchResult(all.size(), page);
    }

    /** Every local instance that matches (headers, without tasks), unsorted and unpaged. */
    public List<WorkflowInstance> matching(InstanceSearch search) {
        return matching(runtime.localInstances(), search);
    }

    private static List<WorkflowInstance> matching(InstanceReader reader, InstanceSearch search) {
        List<WorkflowInstance> out = new ArrayList<>();
        reader.forEachHeader((id, bytes) -> {
            WorkflowInstance wf = reader.header(id, bytes);
            if (search.matches(wf)) {
                out.add(wf);
            }
        });
        return out;
    }

    /**
     * The stored instance in one partition of this node, as JSON (its active copy; with
     * {@code stale} also a standby copy); null when the partition is here and the instance is not.
     * Throws {@link InvalidStateStoreException} when this node cannot serve the partition.
     */
    public byte[] findBytes(String workflowId, int partition, boolean stale) {
        WorkflowInstance wf = runtime.localInstances(partition, stale).find(workflowId);
        return wf == null ? null : InstanceCodec.encode(wf);
    }

    /**
     * The search over the given partitions of this node (null: every partition active here): the
     * number of matches and the first {@code limit} of them, newest first, whole. A partition this
     * node cannot serve is left out of {@link PartialSearch#partitions()}.
     */
    public PartialSearch searchPartitions(InstanceSearch search, Collection<Integer> partitions, boolean stale, int limit) {
        Collection<Integer> wanted = partitions == null ? runtime.localActivePartitions() : partitions;
        record Found(WorkflowInstance header, InstanceReader reader) {
        }
        List<Found> found = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (int p : wanted) {
            List<Found> part = new ArrayList<>();
            try {
                InstanceReader reader = runtime.localInstances(p, stale);
                for (WorkflowInstance wf : matching(reader, search)) {
                    part.add(new Found(wf, reader));
                }
            } catch (InvalidStateStoreException e) {
                continue; // not served here (any more): the caller asks elsewhere
            }
            found.addAll(part);
            answered.add(p);
        }
        found.sort(Comparator.comparing(Found::header, NEWEST_FIRST));
        List<WorkflowInstance> top = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(found.size(), Math.max(0, limit)))) {
            WorkflowInstance whole = f.reader().find(f.header().workflowId);
            top.add(whole == null ? f.header() : whole);
        }
        return new PartialSearch(found.size(), List.copyOf(top), answered);
    }

    /** Newest start first; ties by id, so pages are stable. */
    public static final Comparator<WorkflowInstance> NEWEST_FIRST =
            Comparator.comparingLong((WorkflowInstance w) -> w.startTime).reversed()
                    .thenComparing(w -> w.workflowId);
}
