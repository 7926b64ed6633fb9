package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import dev.baton.orchestrator.query.SearchResult;
import dev.baton.orchestrator.runtime.AppliedNotices;
import java.util.Optional;

/**
 * Finds a task by id in the instances (wherever they live, through {@link InstanceQueries}): in
 * its workflow when the workflow id is known, else by searching every instance (task ids do not
 * name their workflow, so this scan is the slow path for tasks this node never handed out).
 */
final class TaskLocator {
    private static final int PAGE = 1_000;
    private final InstanceQueries queries;

    TaskLocator(InstanceQueries queries) {
        this.queries = queries;
    }

    /** A task and the instance it belongs to. */
    record Found(WorkflowInstance workflow, TaskState task) {}

    /** The instance, once it shows the signals this node sent it applied (see {@link InstanceQueries#sent}). */
    Optional<WorkflowInstance> workflow(String workflowId) {
        return queries.find(workflowId);
    }

    /** The instance as it is now, for a caller about to send the workflow its next signal. */
    Optional<WorkflowInstance> workflowNow(String workflowId) {
        return queries.findNow(workflowId);
    }

    /** This node has told the workflow something; reads through {@link #workflow} wait until {@code applied} holds. */
    void sent(String workflowId, java.util.function.Predicate<WorkflowInstance> applied) {
        queries.sent(workflowId, applied);
    }

    /** Whether this node applies the workflow's steps now (its watches are woken). */
    boolean appliedHere(String workflowId) {
        return queries.appliedHere(workflowId);
    }

    /** A wait between two reads of this workflow, ended early when this node applies a step after which {@code until} holds. */
    AppliedNotices.Watch watch(String workflowId, java.util.function.Predicate<WorkflowInstance> until) {
        return queries.watch(workflowId, until);
    }

    /** The task in the given workflow, or (workflowId null) in any workflow. */
    Optional<Found> find(String taskId, String workflowId) {
        if (workflowId != null) {
            return workflow(workflowId).flatMap(wf -> in(wf, taskId));
        }
        for (int start = 0; ; start += PAGE) {
            SearchResult page = queries.search(InstanceSearch.all(start, PAGE));
            for (WorkflowInstance wf : page.results()) {
                Optional<Found> f = in(wf, taskId);
                if (f.isPresent()) {
                    return f;
                }
            }
            if (page.results().isEmpty() || start + PAGE >= page.totalHits()) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Found> in(WorkflowInstance wf, String taskId) {
        return wf.task(taskId).map(t -> new Found(wf, t));
    }
}
