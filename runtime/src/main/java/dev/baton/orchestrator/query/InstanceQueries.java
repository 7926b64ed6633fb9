package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.runtime.AppliedNotices;
import java.util.Optional;

/**
 * The read side the API uses: one instance by id and searches, answered from the Kafka Streams
 * stores wherever the instances live.
 */
public interface InstanceQueries {
    /**
     * This node has just sent the START of this workflow (its id is about to be returned to the
     * client): until it is visible, {@link #find} treats its absence as "not applied yet" (retry,
     * then 503) rather than "no such workflow", so that a read after the start never says 404.
     */
    default void expect(String workflowId) {}

    /** A workflow {@link #expect expected} has been seen applied (by a watch): reads of it need not wait any more. */
    default void seen(String workflowId) {}

    /**
     * Whether this node applies the workflow's steps now (the active copy of its partition is served here), so that
     * its {@link #watch watches} are woken by the stream thread. False when unknown.
     */
    default boolean appliedHere(String workflowId) {
        return false;
    }

    /**
     * The instance with this id, from whichever node owns it; empty when no node knows it. Once this node has
     * {@link #sent} the workflow a signal, waits (briefly) until the instance shows it applied.
     */
    Optional<WorkflowInstance> find(String workflowId);

    /**
     * {@link #find} without waiting for this node's own signals: for whoever sends the next signal to the workflow
     * (a worker's update after its poll), which the stream thread applies after the earlier ones anyway.
     */
    default Optional<WorkflowInstance> findNow(String workflowId) {
        return find(workflowId);
    }

    /**
     * This node has sent the workflow a signal (a worker's poll) and answered its caller before the stream thread
     * applied it: until {@code applied} holds on the instance, {@link #find} waits for it (a few seconds at most), so
     * that a read after the call sees its effect, as a Conductor store would show it.
     */
    default void sent(String workflowId, java.util.function.Predicate<WorkflowInstance> applied) {}

    /** Instances matching the search across all nodes, newest start first, one page of them. */
    SearchResult search(InstanceSearch search);

    /**
     * A document an instance keeps out of line (its path: {@code workflow/<workflowId>/<payloadId>}), as
     * JSON; empty when there is no such instance or document.
     */
    Optional<byte[]> payload(String workflowId, String payloadId);

    /**
     * A wait between two reads of this workflow that ends early once this node applies a step of it after which
     * {@code until} holds (tested by the stream thread on the instance it wrote; see
     * {@link AppliedNotices#watch(String, java.util.function.Predicate)}), or removes it; a plain pause where steps are
     * applied elsewhere. Close it when done.
     */
    default AppliedNotices.Watch watch(
            String workflowId, java.util.function.Predicate<dev.baton.engine.model.WorkflowInstance> until) {
        return AppliedNotices.Watch.PAUSE;
    }
}
