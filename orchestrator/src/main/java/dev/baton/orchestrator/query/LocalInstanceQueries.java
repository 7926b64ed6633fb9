package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.runtime.InstanceCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Answers from the instances this node holds (the building block of routed queries). */
public final class LocalInstanceQueries implements InstanceQueries {
    private final StreamsRuntime runtime;

    public LocalInstanceQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Optional<WorkflowInstance> find(String workflowId) {
        byte[] bytes = runtime.localInstances().get(workflowId);
        return bytes == null ? Optional.empty() : Optional.of(InstanceCodec.decode(bytes));
    }

    @Override
    public SearchResult search(InstanceSearch search) {
        List<WorkflowInstance> all = matching(search);
        all.sort(NEWEST_FIRST);
        int from = Math.min(Math.max(0, search.start()), all.size());
        int to = Math.min(all.size(), from + Math.max(0, search.size()));
        return new SearchResult(all.size(), List.copyOf(all.subList(from, to)));
    }

    /** Every local instance that matches, unsorted and unpaged. */
    public List<WorkflowInstance> matching(InstanceSearch search) {
        ReadOnlyKeyValueStore<String, byte[]> store = runtime.localInstances();
        List<WorkflowInstance> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                WorkflowInstance wf = InstanceCodec.decode(kv.value);
                if (search.matches(wf)) {
                    out.add(wf);
                }
            }
        }
        return out;
    }

    /**
     * The stored bytes of an instance in one partition of this node (its active copy; with
     * {@code stale} also a standby copy); null when the partition is here and the instance is not.
     * Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when this node
     * cannot serve the partition.
     */
    public byte[] findBytes(String workflowId, int partition, boolean stale) {
        return runtime.localInstances(partition, stale).get(workflowId);
    }

    /**
     * The search over the given partitions of this node (null: every partition active here): the
     * number of matches and the first {@code limit} of them, newest first. A partition this node
     * cannot serve is left out of {@link PartialSearch#partitions()}.
     */
    public PartialSearch searchPartitions(InstanceSearch search, Collection<Integer> partitions, boolean stale, int limit) {
        Collection<Integer> wanted = partitions == null ? runtime.localActivePartitions() : partitions;
        List<WorkflowInstance> found = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (int p : wanted) {
            List<WorkflowInstance> part = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = runtime.localInstances(p, stale).all()) {
                while (it.hasNext()) {
                    WorkflowInstance wf = InstanceCodec.decode(it.next().value);
                    if (search.matches(wf)) {
                        part.add(wf);
                    }
                }
            } catch (InvalidStateStoreException e) {
                continue; // not served here (any more): the caller asks elsewhere
            }
            found.addAll(part);
            answered.add(p);
        }
        found.sort(NEWEST_FIRST);
        return new PartialSearch(found.size(), List.copyOf(found.subList(0, Math.min(found.size(), Math.max(0, limit)))),
                answered);
    }

    /** Newest start first; ties by id, so pages are stable. */
    public static final Comparator<WorkflowInstance> NEWEST_FIRST =
            Comparator.comparingLong((WorkflowInstance w) -> w.startTime).reversed()
                    .thenComparing(w -> w.workflowId);
}
