package dev.baton.orchestrator.api;

import dev.baton.dsl.TaskKind;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.query.InstanceQueries;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the workflow of a hierarchy that holds a task: the workflow itself, or one of the children
 * its SUB_WORKFLOW tasks started, their children, and so on — as Conductor's rerun looks for the
 * task it is given. The walk reads each instance once and stops after {@link #MAX_WORKFLOWS}.
 */
final class SubWorkflowTasks {
    static final int MAX_WORKFLOWS = 1_000;

    private SubWorkflowTasks() {}

    /** The workflow under (or equal to) {@code top} whose task list holds {@code taskId}. */
    static Optional<WorkflowInstance> owner(InstanceQueries queries, WorkflowInstance top, String taskId) {
        Deque<WorkflowInstance> next = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        next.add(top);
        seen.add(top.workflowId);
        while (!next.isEmpty()) {
            WorkflowInstance wf = next.poll();
            if (wf.task(taskId).isPresent()) {
                return Optional.of(wf);
            }
            for (TaskState t : wf.tasks) {
                if (t.kind() == TaskKind.SUB_WORKFLOW
                        && t.subWorkflowId != null
                        && seen.size() < MAX_WORKFLOWS
                        && seen.add(t.subWorkflowId)) {
                    queries.find(t.subWorkflowId).ifPresent(next::add);
                }
            }
        }
        return Optional.empty();
    }
}
